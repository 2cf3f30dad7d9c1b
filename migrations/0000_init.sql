CREATE TABLE `agencies` (
	`id` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`agency_ref` text NOT NULL,
	`address_line1` text DEFAULT '' NOT NULL,
	`address_line2` text DEFAULT '' NOT NULL,
	`address_line3` text DEFAULT '' NOT NULL,
	`postcode` text DEFAULT '' NOT NULL,
	`city` text DEFAULT '' NOT NULL,
	`country` text DEFAULT 'FR' NOT NULL,
	`phone` text DEFAULT '' NOT NULL,
	`email` text DEFAULT '' NOT NULL,
	`time_zone` text DEFAULT 'Europe/Paris' NOT NULL,
	`sender_email` text DEFAULT '' NOT NULL,
	`integrations` text DEFAULT '{}' NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `agencies_agency_ref_unique` ON `agencies` (`agency_ref`);--> statement-breakpoint
CREATE TABLE `audit_log` (
	`id` text PRIMARY KEY NOT NULL,
	`at` text NOT NULL,
	`workstation_user` text NOT NULL,
	`entity` text NOT NULL,
	`entity_id` text NOT NULL,
	`action` text NOT NULL,
	`changes` text DEFAULT '{}' NOT NULL
);
--> statement-breakpoint
CREATE INDEX `audit_entity_idx` ON `audit_log` (`entity`,`entity_id`,`at`);--> statement-breakpoint
CREATE TABLE `booking_counters` (
	`agency_id` text NOT NULL,
	`year` integer NOT NULL,
	`last_number` integer NOT NULL,
	FOREIGN KEY (`agency_id`) REFERENCES `agencies`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `booking_counters_uq` ON `booking_counters` (`agency_id`,`year`);--> statement-breakpoint
CREATE TABLE `bookings` (
	`id` text PRIMARY KEY NOT NULL,
	`agency_id` text NOT NULL,
	`number` text NOT NULL,
	`property_id` text NOT NULL,
	`client_id` text NOT NULL,
	`status` text NOT NULL,
	`option_expires_at` text,
	`cancelled_at` text,
	`cancel_reason` text,
	`source` text NOT NULL,
	`arrival` text NOT NULL,
	`departure` text NOT NULL,
	`nights` integer NOT NULL,
	`adults` integer DEFAULT 1 NOT NULL,
	`children` integer DEFAULT 0 NOT NULL,
	`deposit_amount_cents` integer,
	`deposit_state` text DEFAULT 'none' NOT NULL,
	`deposit_secured_at` text,
	`balance_due_date` text,
	`notes` text DEFAULT '' NOT NULL,
	`total_cents` integer DEFAULT 0 NOT NULL,
	`paid_cents` integer DEFAULT 0 NOT NULL,
	`balance_cents` integer DEFAULT 0 NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	FOREIGN KEY (`agency_id`) REFERENCES `agencies`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`property_id`) REFERENCES `properties`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`client_id`) REFERENCES `clients`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `bookings_agency_number_uq` ON `bookings` (`agency_id`,`number`);--> statement-breakpoint
CREATE INDEX `bookings_number_idx` ON `bookings` (`number`);--> statement-breakpoint
CREATE INDEX `bookings_property_arrival_idx` ON `bookings` (`property_id`,`arrival`);--> statement-breakpoint
CREATE INDEX `bookings_client_idx` ON `bookings` (`client_id`);--> statement-breakpoint
CREATE INDEX `bookings_arrival_idx` ON `bookings` (`arrival`);--> statement-breakpoint
CREATE INDEX `bookings_departure_idx` ON `bookings` (`departure`);--> statement-breakpoint
CREATE INDEX `bookings_agency_arrival_idx` ON `bookings` (`agency_id`,`arrival`);--> statement-breakpoint
CREATE INDEX `bookings_status_arrival_idx` ON `bookings` (`status`,`arrival`);--> statement-breakpoint
CREATE INDEX `bookings_deposit_arrival_idx` ON `bookings` (`deposit_state`,`arrival`);--> statement-breakpoint
CREATE INDEX `bookings_source_arrival_idx` ON `bookings` (`source`,`arrival`);--> statement-breakpoint
CREATE INDEX `bookings_option_expiry_idx` ON `bookings` (`status`,`option_expires_at`);--> statement-breakpoint
CREATE INDEX `bookings_balance_due_idx` ON `bookings` (`balance_due_date`);--> statement-breakpoint
CREATE INDEX `bookings_nights_idx` ON `bookings` (`nights`);--> statement-breakpoint
CREATE INDEX `bookings_total_idx` ON `bookings` (`total_cents`);--> statement-breakpoint
CREATE INDEX `bookings_balance_idx` ON `bookings` (`balance_cents`);--> statement-breakpoint
CREATE INDEX `bookings_updated_idx` ON `bookings` (`updated_at`);--> statement-breakpoint
CREATE TABLE `clients` (
	`id` text PRIMARY KEY NOT NULL,
	`agency_id` text NOT NULL,
	`civility` text DEFAULT 'none' NOT NULL,
	`first_name` text DEFAULT '' NOT NULL,
	`last_name` text NOT NULL,
	`email` text DEFAULT '' NOT NULL,
	`phone` text DEFAULT '' NOT NULL,
	`address_line1` text DEFAULT '' NOT NULL,
	`address_line2` text DEFAULT '' NOT NULL,
	`address_line3` text DEFAULT '' NOT NULL,
	`postcode` text DEFAULT '' NOT NULL,
	`city` text DEFAULT '' NOT NULL,
	`country` text DEFAULT 'FR' NOT NULL,
	`language` text DEFAULT 'fr' NOT NULL,
	`comm_preference` text,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	FOREIGN KEY (`agency_id`) REFERENCES `agencies`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `clients_agency_name_idx` ON `clients` (`agency_id`,`last_name`,`first_name`);--> statement-breakpoint
CREATE INDEX `clients_email_idx` ON `clients` (`email`);--> statement-breakpoint
CREATE TABLE `owners` (
	`id` text PRIMARY KEY NOT NULL,
	`agency_id` text NOT NULL,
	`civility` text DEFAULT 'none' NOT NULL,
	`first_name` text DEFAULT '' NOT NULL,
	`last_name` text NOT NULL,
	`email` text DEFAULT '' NOT NULL,
	`phone` text DEFAULT '' NOT NULL,
	`address_line1` text DEFAULT '' NOT NULL,
	`address_line2` text DEFAULT '' NOT NULL,
	`address_line3` text DEFAULT '' NOT NULL,
	`postcode` text DEFAULT '' NOT NULL,
	`city` text DEFAULT '' NOT NULL,
	`country` text DEFAULT 'FR' NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	FOREIGN KEY (`agency_id`) REFERENCES `agencies`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `owners_agency_idx` ON `owners` (`agency_id`,`last_name`);--> statement-breakpoint
CREATE TABLE `payments` (
	`id` text PRIMARY KEY NOT NULL,
	`booking_id` text NOT NULL,
	`amount_cents` integer NOT NULL,
	`method` text NOT NULL,
	`received_on` text NOT NULL,
	`reference` text DEFAULT '' NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	FOREIGN KEY (`booking_id`) REFERENCES `bookings`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `payments_booking_idx` ON `payments` (`booking_id`,`received_on`);--> statement-breakpoint
CREATE TABLE `pricing_lines` (
	`id` text PRIMARY KEY NOT NULL,
	`booking_id` text NOT NULL,
	`position` integer NOT NULL,
	`label` text NOT NULL,
	`kind` text NOT NULL,
	`quantity` real NOT NULL,
	`unit_price_cents` integer NOT NULL,
	`total_cents` integer NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	FOREIGN KEY (`booking_id`) REFERENCES `bookings`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `pricing_lines_booking_idx` ON `pricing_lines` (`booking_id`,`position`);--> statement-breakpoint
CREATE TABLE `properties` (
	`id` text PRIMARY KEY NOT NULL,
	`agency_id` text NOT NULL,
	`owner_id` text,
	`code` text NOT NULL,
	`name` text NOT NULL,
	`address_line1` text DEFAULT '' NOT NULL,
	`address_line2` text DEFAULT '' NOT NULL,
	`address_line3` text DEFAULT '' NOT NULL,
	`postcode` text DEFAULT '' NOT NULL,
	`city` text DEFAULT '' NOT NULL,
	`country` text DEFAULT 'FR' NOT NULL,
	`capacity` integer NOT NULL,
	`elloha_enabled` integer DEFAULT false NOT NULL,
	`swikly_account_id` text,
	`deposit_request_type` text DEFAULT 'deposit' NOT NULL,
	`default_deposit_cents` integer DEFAULT 0 NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	FOREIGN KEY (`agency_id`) REFERENCES `agencies`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`owner_id`) REFERENCES `owners`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `properties_agency_code_uq` ON `properties` (`agency_id`,`code`);--> statement-breakpoint
CREATE INDEX `properties_name_idx` ON `properties` (`name`);--> statement-breakpoint
CREATE TABLE `settings` (
	`key` text PRIMARY KEY NOT NULL,
	`value` text NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL
);

CREATE TABLE `agency_email_settings` (
	`agency_id` text PRIMARY KEY NOT NULL,
	`smtp_host` text DEFAULT '' NOT NULL,
	`smtp_port` integer DEFAULT 587 NOT NULL,
	`smtp_security` text DEFAULT 'starttls' NOT NULL,
	`smtp_user` text DEFAULT '' NOT NULL,
	`sender_name` text DEFAULT '' NOT NULL,
	`sender_email` text DEFAULT '' NOT NULL,
	`reply_to` text DEFAULT '' NOT NULL,
	`per_minute` integer DEFAULT 30 NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	FOREIGN KEY (`agency_id`) REFERENCES `agencies`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `email_batches` (
	`id` text PRIMARY KEY NOT NULL,
	`agency_id` text NOT NULL,
	`kind` text NOT NULL,
	`skipped` text DEFAULT '[]' NOT NULL,
	`cancelled_at` text,
	`created_by` text NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	FOREIGN KEY (`agency_id`) REFERENCES `agencies`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `email_rules` (
	`agency_id` text NOT NULL,
	`kind` text NOT NULL,
	`offset_days` integer NOT NULL,
	`send_late` integer DEFAULT true NOT NULL,
	`property_ids` text DEFAULT '[]' NOT NULL,
	`sources` text DEFAULT '[]' NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	FOREIGN KEY (`agency_id`) REFERENCES `agencies`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `email_rules_uq` ON `email_rules` (`agency_id`,`kind`);--> statement-breakpoint
CREATE TABLE `email_templates` (
	`id` text PRIMARY KEY NOT NULL,
	`agency_id` text NOT NULL,
	`kind` text NOT NULL,
	`language` text NOT NULL,
	`subject` text NOT NULL,
	`html` text NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	FOREIGN KEY (`agency_id`) REFERENCES `agencies`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `email_templates_uq` ON `email_templates` (`agency_id`,`kind`,`language`);--> statement-breakpoint
CREATE TABLE `emails` (
	`id` text PRIMARY KEY NOT NULL,
	`agency_id` text NOT NULL,
	`booking_id` text,
	`batch_id` text,
	`kind` text NOT NULL,
	`anchor_date` text,
	`planned_key` text,
	`language` text NOT NULL,
	`to_address` text NOT NULL,
	`to_name` text DEFAULT '' NOT NULL,
	`from_address` text NOT NULL,
	`from_name` text DEFAULT '' NOT NULL,
	`reply_to` text DEFAULT '' NOT NULL,
	`subject` text NOT NULL,
	`html` text NOT NULL,
	`text` text NOT NULL,
	`message_id` text NOT NULL,
	`state` text NOT NULL,
	`outbox_id` text,
	`smtp_response` text,
	`error` text,
	`sent_at` text,
	`created_by` text NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	FOREIGN KEY (`agency_id`) REFERENCES `agencies`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`booking_id`) REFERENCES `bookings`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`batch_id`) REFERENCES `email_batches`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `emails_planned_uq` ON `emails` (`planned_key`) WHERE planned_key IS NOT NULL;--> statement-breakpoint
CREATE INDEX `emails_booking_idx` ON `emails` (`booking_id`,`created_at`);--> statement-breakpoint
CREATE INDEX `emails_batch_idx` ON `emails` (`batch_id`) WHERE batch_id IS NOT NULL;--> statement-breakpoint
CREATE INDEX `emails_booking_kind_idx` ON `emails` (`booking_id`,`kind`,`anchor_date`);--> statement-breakpoint
ALTER TABLE `bookings` ADD `confirmed_at` text;
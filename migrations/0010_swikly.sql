CREATE TABLE `agency_swikly_settings` (
	`agency_id` text PRIMARY KEY NOT NULL,
	`environment` text DEFAULT 'production' NOT NULL,
	`base_url` text DEFAULT '' NOT NULL,
	`enabled` integer DEFAULT false NOT NULL,
	`margin_days` integer DEFAULT 0 NOT NULL,
	`auto_release_days` integer,
	`reminder_days` integer,
	`user_json` text,
	`accounts_json` text DEFAULT '[]' NOT NULL,
	`connected_at` text,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	FOREIGN KEY (`agency_id`) REFERENCES `agencies`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `swikly_requests` (
	`id` text PRIMARY KEY NOT NULL,
	`agency_id` text NOT NULL,
	`booking_id` text NOT NULL,
	`seq` integer NOT NULL,
	`custom_id` text NOT NULL,
	`account_id` text NOT NULL,
	`request_type` text NOT NULL,
	`amount_cents` integer NOT NULL,
	`start_date` text NOT NULL,
	`end_date` text NOT NULL,
	`request_id` text,
	`deposit_id` text,
	`payment_id` text,
	`link` text,
	`deposit_status` text,
	`payment_status` text,
	`accepted_at` text,
	`released_at` text,
	`payment_booked` integer DEFAULT false NOT NULL,
	`open` integer DEFAULT true NOT NULL,
	`attention_at` text,
	`last_polled_at` text,
	`last_error` text,
	`reminder_sent_at` text,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	FOREIGN KEY (`agency_id`) REFERENCES `agencies`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`booking_id`) REFERENCES `bookings`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `swikly_requests_custom_uq` ON `swikly_requests` (`agency_id`,`custom_id`);--> statement-breakpoint
CREATE UNIQUE INDEX `swikly_requests_booking_seq_uq` ON `swikly_requests` (`booking_id`,`seq`);--> statement-breakpoint
CREATE INDEX `swikly_requests_open_idx` ON `swikly_requests` (`agency_id`,`last_polled_at`) WHERE open = 1;--> statement-breakpoint
UPDATE properties SET deposit_request_type = 'deposit_and_balance' WHERE deposit_request_type = 'reservation';

CREATE TABLE `outbox` (
	`id` text PRIMARY KEY NOT NULL,
	`kind` text NOT NULL,
	`remote` text NOT NULL,
	`lane` text NOT NULL,
	`booking_id` text,
	`payload` text NOT NULL,
	`idempotency_key` text NOT NULL,
	`state` text DEFAULT 'pending' NOT NULL,
	`attempts` integer DEFAULT 0 NOT NULL,
	`next_attempt_at` text NOT NULL,
	`reconcile_first` integer DEFAULT false NOT NULL,
	`last_error_code` text,
	`last_error` text,
	`result` text,
	`completed_at` text,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	FOREIGN KEY (`booking_id`) REFERENCES `bookings`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `outbox_idempotency_uq` ON `outbox` (`idempotency_key`);--> statement-breakpoint
CREATE INDEX `outbox_due_idx` ON `outbox` (`state`,`remote`,`next_attempt_at`,`id`);--> statement-breakpoint
CREATE INDEX `outbox_open_lane_idx` ON `outbox` (`lane`,`id`) WHERE state IN ('pending', 'in_flight', 'failed');--> statement-breakpoint
CREATE INDEX `outbox_booking_idx` ON `outbox` (`booking_id`);--> statement-breakpoint
CREATE TABLE `sync_cursors` (
	`poller` text PRIMARY KEY NOT NULL,
	`cursor` text NOT NULL,
	`last_success_at` text,
	`last_error_at` text,
	`last_error` text,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL
);

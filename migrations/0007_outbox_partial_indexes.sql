PRAGMA foreign_keys=OFF;--> statement-breakpoint
CREATE TABLE `__new_outbox` (
	`id` text PRIMARY KEY NOT NULL,
	`kind` text NOT NULL,
	`remote` text NOT NULL,
	`lane` text NOT NULL,
	`booking_id` text,
	`payload` text NOT NULL,
	`idempotency_key` text,
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
INSERT INTO `__new_outbox`("id", "kind", "remote", "lane", "booking_id", "payload", "idempotency_key", "state", "attempts", "next_attempt_at", "reconcile_first", "last_error_code", "last_error", "result", "completed_at", "created_at", "updated_at") SELECT "id", "kind", "remote", "lane", "booking_id", "payload", "idempotency_key", "state", "attempts", "next_attempt_at", "reconcile_first", "last_error_code", "last_error", "result", "completed_at", "created_at", "updated_at" FROM `outbox`;--> statement-breakpoint
DROP TABLE `outbox`;--> statement-breakpoint
ALTER TABLE `__new_outbox` RENAME TO `outbox`;--> statement-breakpoint
PRAGMA foreign_keys=ON;--> statement-breakpoint
CREATE UNIQUE INDEX `outbox_idempotency_uq` ON `outbox` (`idempotency_key`) WHERE idempotency_key IS NOT NULL;--> statement-breakpoint
CREATE INDEX `outbox_due_idx` ON `outbox` (`remote`,`next_attempt_at`,`id`) WHERE state = 'pending';--> statement-breakpoint
CREATE INDEX `outbox_open_lane_idx` ON `outbox` (`lane`,`id`) WHERE state IN ('pending', 'in_flight', 'failed');--> statement-breakpoint
CREATE INDEX `outbox_failed_idx` ON `outbox` (`remote`) WHERE state = 'failed';--> statement-breakpoint
CREATE INDEX `outbox_booking_idx` ON `outbox` (`booking_id`) WHERE booking_id IS NOT NULL;
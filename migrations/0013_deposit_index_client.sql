DROP INDEX `bookings_deposit_arrival_idx`;--> statement-breakpoint
CREATE INDEX `bookings_deposit_arrival_idx` ON `bookings` (`deposit_state`,`status`,`arrival`,`client_id`);
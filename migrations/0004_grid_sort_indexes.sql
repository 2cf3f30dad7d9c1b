DROP INDEX `properties_name_idx`;--> statement-breakpoint
CREATE INDEX `properties_name_nocase_idx` ON `properties` ("name" COLLATE NOCASE);--> statement-breakpoint
DROP INDEX `bookings_deposit_arrival_idx`;--> statement-breakpoint
CREATE INDEX `bookings_deposit_arrival_idx` ON `bookings` (`deposit_state`,`status`,`arrival`);--> statement-breakpoint
CREATE INDEX `clients_name_nocase_idx` ON `clients` ("last_name" COLLATE NOCASE,"first_name" COLLATE NOCASE);
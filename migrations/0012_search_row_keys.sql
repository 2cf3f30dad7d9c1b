-- The tenant's name on each dossier's search row, for a search sorted by « Locataire ».
-- A search's matches are not spread along a name order: the Martins are all mid-alphabet. Walking
-- the clients' name index met them after half of it, with two lookups by text id per dossier
-- (« marti »: 19 ms on 100 000 dossiers). Walking this index instead checks each entry against the
-- search's matches by its integer key alone (1.5 ms). The key is « last name ␁ first name », which
-- sorts as (last name, first name), both without case, like the grid's tenant column.
-- The dossier's agency is copied there too: a search within one agency is then counted from the
-- search rows alone (« m »: 15 ms instead of 120, each match's dossier no longer read by its id).
ALTER TABLE `booking_search` ADD `client_key` text NOT NULL DEFAULT '';
--> statement-breakpoint
ALTER TABLE `booking_search` ADD `agency_id` text NOT NULL DEFAULT '';
--> statement-breakpoint
UPDATE booking_search SET
	client_key = coalesce((
		SELECT c.last_name || char(1) || c.first_name FROM bookings b JOIN clients c ON c.id = b.client_id
		WHERE b.id = booking_search.booking_id), ''),
	agency_id = coalesce((SELECT b.agency_id FROM bookings b WHERE b.id = booking_search.booking_id), '');
--> statement-breakpoint
CREATE INDEX `booking_search_client_key_idx` ON `booking_search` (`client_key` COLLATE NOCASE);
--> statement-breakpoint
DROP TRIGGER `bookings_search_ai`;
--> statement-breakpoint
CREATE TRIGGER `bookings_search_ai` AFTER INSERT ON `bookings` BEGIN
	INSERT INTO booking_search (booking_id, client_key, agency_id) VALUES (NEW.id, coalesce((
		SELECT c.last_name || char(1) || c.first_name FROM clients c WHERE c.id = NEW.client_id), ''), NEW.agency_id);
	INSERT INTO bookings_fts (rowid, number, client_name, email, phone, property)
		SELECT rowid, number, client_name, email, phone, property FROM booking_search_source
		WHERE rowid = (SELECT rowid FROM booking_search WHERE booking_id = NEW.id);
END;
--> statement-breakpoint
CREATE TRIGGER `bookings_search_keys_au` AFTER UPDATE OF client_id, agency_id ON `bookings`
WHEN OLD.client_id IS NOT NEW.client_id OR OLD.agency_id IS NOT NEW.agency_id BEGIN
	UPDATE booking_search SET
		client_key = coalesce((SELECT c.last_name || char(1) || c.first_name FROM clients c WHERE c.id = NEW.client_id), ''),
		agency_id = NEW.agency_id
	WHERE booking_id = NEW.id;
END;
--> statement-breakpoint
CREATE TRIGGER `clients_client_key_au` AFTER UPDATE OF first_name, last_name ON `clients`
WHEN OLD.first_name IS NOT NEW.first_name OR OLD.last_name IS NOT NEW.last_name BEGIN
	UPDATE booking_search SET client_key = NEW.last_name || char(1) || NEW.first_name
	WHERE booking_id IN (SELECT id FROM bookings WHERE client_id = NEW.id);
END;

-- Full-text search over dossiers: number, client name, e-mail, phone, property.
-- booking_search gives each booking a stable integer key (an INTEGER PRIMARY KEY survives VACUUM,
-- a plain rowid does not), which is the rowid of its row in the contentless FTS5 table.
CREATE TABLE `booking_search` (
	`rowid` integer PRIMARY KEY,
	`booking_id` text NOT NULL UNIQUE REFERENCES `bookings`(`id`)
);
--> statement-breakpoint
CREATE VIRTUAL TABLE `bookings_fts` USING fts5(
	number, client_name, email, phone, property,
	content='', contentless_delete=1, tokenize='unicode61 remove_diacritics 2'
);
--> statement-breakpoint
-- What is indexed for one booking. Numbers are also indexed without their dash and phones without
-- separators, so "2026000123", "000123" or "0612345678" find what staff type.
CREATE VIEW `booking_search_source` AS
SELECT s.rowid AS rowid,
	b.number || ' ' || replace(b.number, '-', '') || ' ' || ltrim(substr(b.number, instr(b.number, '-') + 1), '0') AS number,
	c.first_name || ' ' || c.last_name AS client_name,
	c.email AS email,
	c.phone || ' ' || replace(replace(replace(replace(c.phone, ' ', ''), '.', ''), '-', ''), '+33', '0') AS phone,
	p.code || ' ' || p.name || ' ' || p.city AS property
FROM booking_search s
JOIN bookings b ON b.id = s.booking_id
JOIN clients c ON c.id = b.client_id
JOIN properties p ON p.id = b.property_id;
--> statement-breakpoint
CREATE TRIGGER `bookings_search_ai` AFTER INSERT ON `bookings` BEGIN
	INSERT INTO booking_search (booking_id) VALUES (NEW.id);
	INSERT INTO bookings_fts (rowid, number, client_name, email, phone, property)
		SELECT rowid, number, client_name, email, phone, property FROM booking_search_source
		WHERE rowid = (SELECT rowid FROM booking_search WHERE booking_id = NEW.id);
END;
--> statement-breakpoint
CREATE TRIGGER `bookings_search_au` AFTER UPDATE OF number, client_id, property_id ON `bookings` BEGIN
	DELETE FROM bookings_fts WHERE rowid = (SELECT rowid FROM booking_search WHERE booking_id = NEW.id);
	INSERT INTO bookings_fts (rowid, number, client_name, email, phone, property)
		SELECT rowid, number, client_name, email, phone, property FROM booking_search_source
		WHERE rowid = (SELECT rowid FROM booking_search WHERE booking_id = NEW.id);
END;
--> statement-breakpoint
CREATE TRIGGER `bookings_search_ad` AFTER DELETE ON `bookings` BEGIN
	DELETE FROM bookings_fts WHERE rowid = (SELECT rowid FROM booking_search WHERE booking_id = OLD.id);
	DELETE FROM booking_search WHERE booking_id = OLD.id;
END;
--> statement-breakpoint
CREATE TRIGGER `clients_search_au` AFTER UPDATE OF first_name, last_name, email, phone ON `clients` BEGIN
	DELETE FROM bookings_fts WHERE rowid IN (
		SELECT s.rowid FROM booking_search s JOIN bookings b ON b.id = s.booking_id WHERE b.client_id = NEW.id);
	INSERT INTO bookings_fts (rowid, number, client_name, email, phone, property)
		SELECT v.rowid, v.number, v.client_name, v.email, v.phone, v.property FROM booking_search_source v
		WHERE v.rowid IN (SELECT s.rowid FROM booking_search s JOIN bookings b ON b.id = s.booking_id WHERE b.client_id = NEW.id);
END;
--> statement-breakpoint
CREATE TRIGGER `properties_search_au` AFTER UPDATE OF code, name, city ON `properties` BEGIN
	DELETE FROM bookings_fts WHERE rowid IN (
		SELECT s.rowid FROM booking_search s JOIN bookings b ON b.id = s.booking_id WHERE b.property_id = NEW.id);
	INSERT INTO bookings_fts (rowid, number, client_name, email, phone, property)
		SELECT v.rowid, v.number, v.client_name, v.email, v.phone, v.property FROM booking_search_source v
		WHERE v.rowid IN (SELECT s.rowid FROM booking_search s JOIN bookings b ON b.id = s.booking_id WHERE b.property_id = NEW.id);
END;

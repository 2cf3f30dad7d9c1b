-- Prefix indexes for the search box: the first letters a clerk types ("m", "ma", "mar") are
-- answered from a prefix index instead of walking every term that starts with them.
DROP TABLE `bookings_fts`;
--> statement-breakpoint
CREATE VIRTUAL TABLE `bookings_fts` USING fts5(
	number, client_name, email, phone, property,
	content='', contentless_delete=1, tokenize='unicode61 remove_diacritics 2', prefix='1 2 3'
);
--> statement-breakpoint
INSERT INTO bookings_fts (rowid, number, client_name, email, phone, property)
	SELECT rowid, number, client_name, email, phone, property FROM booking_search_source;

// The local booking database. Conventions (ARCHITECTURE.md):
// - ids are UUIDv7 text, never autoincrement, so desks can later merge into one agency hub;
// - money in integer cents, stay dates as 'YYYY-MM-DD', instants as ISO-8601 UTC text;
// - every business table carries created_at / updated_at.
// The FTS5 search index is a custom migration (drizzle-kit cannot describe virtual tables).
//
// One file per concept; this module is what the app and drizzle-kit read.
export * from './schema-core';
export * from './schema-sync';
export * from './schema-email';
export * from './schema-swikly';

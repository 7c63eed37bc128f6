// Data protection: the suppression list of erased addresses, kept only as keyed hashes (see $lib/server/privacy), and
// the retention job's record of its runs (see $lib/server/retention).
import { bigserial, jsonb, pgTable, text, timestamp } from 'drizzle-orm/pg-core';

export const suppressedAddresses = pgTable('suppressed_addresses', {
	// HMAC-SHA-256 of the normalised address under a key derived from ENCRYPTION_KEY: never the address itself.
	hash: text('hash').primaryKey(),
	createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow()
});

// One row per run of the retention job that found the lock free: when it ran and how many records of each kind went.
export const retentionRuns = pgTable('retention_runs', {
	id: bigserial('id', { mode: 'number' }).primaryKey(),
	ranAt: timestamp('ran_at', { withTimezone: true }).notNull().defaultNow(),
	removed: jsonb('removed').$type<Record<string, number>>().notNull()
});

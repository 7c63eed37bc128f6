// Data protection: the suppression list of erased addresses, kept only as keyed hashes (see $lib/server/privacy).
// The retention job records its runs in job_runs (core.ts).
import { pgTable, text, timestamp } from 'drizzle-orm/pg-core';

export const suppressedAddresses = pgTable('suppressed_addresses', {
	// HMAC-SHA-256 of the normalised address under a key derived from ENCRYPTION_KEY: never the address itself.
	hash: text('hash').primaryKey(),
	createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow()
});


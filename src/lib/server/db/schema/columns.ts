// Pieces every capability's tables share. Not re-exported from the schema index: it holds no tables.
import { sql } from 'drizzle-orm';
import { timestamp } from 'drizzle-orm/pg-core';

/** A CHECK's list of allowed values, from the same constants the app's types come from. */
export const inList = (values: readonly string[]) => sql.raw(values.map((v) => `'${v}'`).join(', '));

export const createdAt = () => timestamp('created_at', { withTimezone: true }).notNull().defaultNow();

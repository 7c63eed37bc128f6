// SQL pieces for finding and scrubbing an address (or a name) inside text and JSON columns, case-insensitively.
import { sql, type SQL, type AnyColumn } from 'drizzle-orm';

/** What an erased address or name becomes inside text that is otherwise kept. */
export const ERASED = '[erased]';

/** Escapes a literal for a PostgreSQL regular expression. */
export function regexLiteral(value: string) {
	return value.replace(/[.*+?^${}()|[\]\\-]/g, '\\$&');
}

/** True when the column's text (JSON as text) holds `value`, ignoring case. `value` must be lower case. */
export function holds(column: AnyColumn | SQL, value: string): SQL {
	return sql`strpos(lower(${column}::text), ${value}) > 0`;
}

/** The text column with every occurrence of `value` replaced, ignoring case. */
export function scrubbedText(column: AnyColumn, value: string): SQL {
	return sql`regexp_replace(${column}, ${regexLiteral(value)}, ${ERASED}, 'gi')`;
}

/** The same for a jsonb column: replaced in its text form, which stays valid JSON (the value has no quotes). */
export function scrubbedJson(column: AnyColumn, value: string): SQL {
	return sql`regexp_replace(${column}::text, ${regexLiteral(value)}, ${ERASED}, 'gi')::jsonb`;
}

/** Names worth scrubbing from free text: long enough not to match inside ordinary words. */
export function scrubbableNames(names: string[]) {
	return [...new Set(names.map((n) => n.trim()).filter((n) => n.length >= 5 && !n.includes('"') && !n.includes('\\')))];
}

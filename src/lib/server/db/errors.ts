// What PostgreSQL said when a statement broke a rule, the same on PGlite and postgres.js (whose errors may arrive
// wrapped by Drizzle, with the database's own error as the cause).

/** SQLSTATE codes of the rules the schema enforces. */
export const PG = {
	uniqueViolation: '23505',
	foreignKeyViolation: '23503',
	exclusionViolation: '23P01'
} as const;

/** The SQLSTATE code of a database error, looking through the wrappers around it. */
export function pgCode(err: unknown): string | undefined {
	let e = err as { code?: string; cause?: unknown } | undefined;
	for (let depth = 0; e && depth < 4; depth++) {
		if (typeof e.code === 'string') return e.code;
		e = e.cause as typeof e;
	}
	return undefined;
}

// Blanking who a record was about in its audit history, keeping what happened to it (ids, statuses, times).
import { and, eq, inArray } from 'drizzle-orm';
import type { Executor } from '$lib/server/db';
import { auditLog } from '$lib/server/db/schema';
import { ERASED } from './match';

/** Fields of audited rows that identify a person. */
export const PERSONAL_FIELDS = new Set([
	'name',
	'email',
	'to',
	'organisation',
	'leadName',
	'leadRole',
	'phone',
	'situation',
	'notes',
	'message',
	'place',
	'firstName',
	'contactName',
	'contactDetails'
]);

export function blankPersonal(value: unknown): unknown {
	if (!value || typeof value !== 'object' || Array.isArray(value)) return value;
	return Object.fromEntries(Object.entries(value).map(([key, v]) => [key, PERSONAL_FIELDS.has(key) && v ? ERASED : v]));
}

/** Blanks the personal fields in the before and after of every audit row about these records; returns how many rows. */
export async function blankAuditHistory(tx: Executor, entity: string, ids: string[]) {
	if (ids.length === 0) return 0;
	const rows = await tx
		.select({ id: auditLog.id, before: auditLog.before, after: auditLog.after })
		.from(auditLog)
		.where(and(eq(auditLog.entity, entity), inArray(auditLog.entityId, ids)));
	for (const row of rows) {
		await tx.update(auditLog).set({ before: blankPersonal(row.before), after: blankPersonal(row.after) }).where(eq(auditLog.id, row.id));
	}
	return rows.length;
}

// The audit trail: who changed what, when, before and after; written in the same transaction as the change.
import type { Executor } from '$lib/server/db';
import { auditLog } from '$lib/server/db/schema';
import { publishChange, versionOf } from '$lib/server/realtime';

// Secrets never enter the trail, not even encrypted or hashed.
const HIDDEN = new Set(['passwordHash', 'tokenHash', 'totpKey']);

function redact(row: object | null | undefined) {
	if (!row) return null;
	return Object.fromEntries(Object.entries(row).filter(([key]) => !HIDDEN.has(key)));
}

export interface AuditEntryInput {
	actorId: string | null;
	areaId?: string | null;
	entity: string;
	entityId: string;
	action: string;
	before?: object | null;
	after?: object | null;
}

/** Writes the audit row; a change to an area's data is also published to live pages once the transaction commits. */
export async function audit(tx: Executor, entry: AuditEntryInput) {
	const [row] = await tx.insert(auditLog).values({
		actorId: entry.actorId,
		areaId: entry.areaId ?? null,
		entity: entry.entity,
		entityId: entry.entityId,
		action: entry.action,
		before: redact(entry.before),
		after: redact(entry.after)
	}).returning({ id: auditLog.id });
	if (entry.areaId)
		await publishChange(tx, {
			id: row.id,
			areaId: entry.areaId,
			entity: entry.entity,
			entityId: entry.entityId,
			action: entry.action,
			version: versionOf(entry.after)
		});
}

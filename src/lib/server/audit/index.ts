// The audit trail: who changed what, when, before and after; written in the same transaction as the change.
import type { Executor } from '$lib/server/db';
import { auditLog } from '$lib/server/db/schema';
import { publishChange, publishRoomChange, versionOf } from '$lib/server/realtime';
import { exerciseRoom, exerciseTopicOf, workshopRoom, workshopTopicOf } from '$lib/domain/live';

// Secrets never enter the trail, not even encrypted or hashed.
const HIDDEN = new Set(['passwordHash', 'tokenHash', 'tokenSealed', 'totpKey', 'offerTokenHash']);

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
	/** The Hydra exercise the change belongs to: published to the exercise's room for its live screens. */
	exerciseId?: string | null;
	/** The workshop room the change belongs to: published to the room's stream too, for its guests' screens. */
	roomId?: string | null;
	/** Several workshop rooms at once: the area's presentation shows in every room of the area that is open. */
	roomIds?: readonly string[];
}

/**
 * Writes the audit row; a change to an area's data, or to a live exercise, is also published to the live pages that
 * follow it once the transaction commits.
 */
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
		}, entry.actorId);
	if (entry.exerciseId)
		await publishRoomChange(
			tx,
			{
				id: row.id,
				room: exerciseRoom(entry.exerciseId),
				entity: entry.entity,
				entityId: entry.entityId,
				action: entry.action,
				version: versionOf(entry.after)
			},
			exerciseTopicOf(entry.entity)
		);
	for (const roomId of [...(entry.roomId ? [entry.roomId] : []), ...(entry.roomIds ?? [])])
		await publishRoomChange(
			tx,
			{ id: row.id, room: workshopRoom(roomId), entity: entry.entity, entityId: entry.entityId, action: entry.action, version: versionOf(entry.after) },
			workshopTopicOf(entry.entity)
		);
}

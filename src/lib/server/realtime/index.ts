// Change events for live workshops. A verb's audit row publishes a NOTIFY in the verb's own transaction, so it is
// delivered after commit and never for a change that rolled back; every instance LISTENs and hands each event to its
// open streams for that area, or for that room (a Hydra exercise, whose syndicates have no account and no area).
// Works the same on PGlite (one process) and on PostgreSQL (any number of instances).
import { and, asc, eq, gt, lt, sql } from 'drizzle-orm';
import { db, listen, type Executor } from '$lib/server/db';
import { auditLog, presence, users } from '$lib/server/db/schema';
import { log } from '$lib/server/log';
import { liveKey, PRESENCE_SECONDS, roomKey, topicOf, type AreaChange, type LiveTopic, type PresentPerson, type RoomChange } from '$lib/domain/live';

export const CHANNEL = 'homeward_area_events';

/** What travels on the channel: a change to an area, word that who is present in an area has changed, or a change in a room. */
type Notice = { kind: 'change'; change: AreaChange } | { kind: 'presence'; areaId: string } | { kind: 'room'; change: RoomChange };

export interface AreaListener {
	change(change: AreaChange): void;
	presence(people: PresentPerson[]): void;
}

const listeners = new Map<string, Set<AreaListener>>();
const roomListeners = new Map<string, Set<(change: RoomChange) => void>>();

async function notify(executor: Executor, notice: Notice) {
	await executor.execute(sql`select pg_notify(${CHANNEL}, ${JSON.stringify(notice)})`);
}

/** Called by the audit trail for every change to an area's data, inside the change's transaction. */
export async function publishChange(tx: Executor, change: Omit<AreaChange, 'topic' | 'by'>, actorId: string | null) {
	const [actor] = actorId ? await tx.select({ name: users.name }).from(users).where(eq(users.id, actorId)) : [];
	return notify(tx, { kind: 'change', change: { ...change, topic: topicOf(change.entity), by: actor?.name ?? null } });
}

/** Called by the audit trail for a change that belongs to a room, inside the change's transaction. */
export function publishRoomChange(tx: Executor, change: Omit<RoomChange, 'topic'>, topic: string) {
	return notify(tx, { kind: 'room', change: { ...change, topic } });
}

/** Follows a room's changes on this instance; returns the function that stops following. */
export function followRoom(room: string, listener: (change: RoomChange) => void) {
	const set = roomListeners.get(room) ?? new Set();
	set.add(listener);
	roomListeners.set(room, set);
	return () => {
		set.delete(listener);
		if (set.size === 0) roomListeners.delete(room);
	};
}

/** Follows an area's events on this instance; returns the function that stops following. */
export function follow(areaId: string, listener: AreaListener) {
	const set = listeners.get(areaId) ?? new Set();
	set.add(listener);
	listeners.set(areaId, set);
	return () => {
		set.delete(listener);
		if (set.size === 0) listeners.delete(areaId);
	};
}

// Presence changes arrive in bursts (a workshop opening a page together): each area's list is read once per burst.
const presenceDue = new Map<string, ReturnType<typeof setTimeout>>();
function presenceChanged(areaId: string) {
	if (presenceDue.has(areaId) || !listeners.has(areaId)) return;
	presenceDue.set(
		areaId,
		setTimeout(async () => {
			presenceDue.delete(areaId);
			try {
				const people = await presentIn(areaId);
				for (const listener of listeners.get(areaId) ?? []) listener.presence(people);
			} catch (err) {
				log.error({ err }, 'presence refresh failed');
			}
		}, 150)
	);
}

function receive(payload: string) {
	let notice: Notice;
	try {
		notice = JSON.parse(payload);
	} catch {
		return;
	}
	if (notice.kind === 'presence') return presenceChanged(notice.areaId);
	if (notice.kind === 'room') {
		for (const listener of roomListeners.get(notice.change.room) ?? []) listener(notice.change);
		return;
	}
	for (const listener of listeners.get(notice.change.areaId) ?? []) listener.change(notice.change);
}

let listening = 0;

/** Whether this instance hears every change as it commits (a read kept until the next change is then safe to reuse). */
export function hearsChanges() {
	return listening > 0;
}

/** Starts listening on this instance; returns the function that stops. */
export async function startRealtime() {
	const unlisten = await listen(CHANNEL, receive);
	listening += 1;
	return async () => {
		listening -= 1;
		for (const timer of presenceDue.values()) clearTimeout(timer);
		presenceDue.clear();
		await unlisten();
	};
}

/** The changes to an area after `afterId`, oldest first: what a reconnecting browser missed. */
export async function changesSince(areaId: string, afterId: number, limit = 200): Promise<AreaChange[]> {
	const rows = await db
		.select({ id: auditLog.id, entity: auditLog.entity, entityId: auditLog.entityId, action: auditLog.action, after: auditLog.after, by: users.name })
		.from(auditLog)
		.leftJoin(users, eq(users.id, auditLog.actorId))
		.where(and(eq(auditLog.areaId, areaId), gt(auditLog.id, afterId)))
		.orderBy(asc(auditLog.id))
		.limit(limit);
	return rows.map((r) => ({
		id: r.id,
		areaId,
		topic: topicOf(r.entity),
		entity: r.entity,
		entityId: r.entityId,
		action: r.action,
		version: versionOf(r.after),
		by: r.by
	}));
}

export function versionOf(row: unknown): number | null {
	const version = (row as { version?: unknown } | null)?.version;
	return typeof version === 'number' ? version : null;
}

/** Marks a stream present on a page of an area (again, for a heartbeat) and tells the area's other streams. */
export async function markPresent(streamId: string, areaId: string, userId: string, view: string) {
	await db
		.insert(presence)
		.values({ id: streamId, areaId, userId, view, seenAt: new Date() })
		.onConflictDoUpdate({ target: presence.id, set: { seenAt: new Date(), view } });
	// Streams cut off without a goodbye (a crashed instance) age out here.
	await db.delete(presence).where(and(eq(presence.areaId, areaId), lt(presence.seenAt, new Date(Date.now() - PRESENCE_SECONDS * 1000))));
	await notify(db, { kind: 'presence', areaId });
}

export async function markGone(streamId: string, areaId: string) {
	await db.delete(presence).where(eq(presence.id, streamId));
	await notify(db, { kind: 'presence', areaId });
}

/** Who has a page of the area open now, once per person and page, by name. */
export async function presentIn(areaId: string): Promise<PresentPerson[]> {
	const rows = await db
		.selectDistinct({ userId: users.id, name: users.name, organisation: users.organisation, view: presence.view })
		.from(presence)
		.innerJoin(users, eq(users.id, presence.userId))
		.where(and(eq(presence.areaId, areaId), gt(presence.seenAt, new Date(Date.now() - PRESENCE_SECONDS * 1000))))
		.orderBy(asc(users.name), asc(presence.view));
	return rows;
}

/** Makes a load follow topics of an area: an event on any of them re-runs it in every open browser. */
export function followTopics(event: { depends(...keys: `${string}:${string}`[]): void }, areaId: string, ...topics: LiveTopic[]) {
	event.depends(...topics.map((t) => liveKey(areaId, t) as `${string}:${string}`));
}

/** Makes a load follow topics of a room (an exercise): an event on any of them re-runs it in every open browser. */
export function followRoomTopics(event: { depends(...keys: `${string}:${string}`[]): void }, room: string, ...topics: string[]) {
	event.depends(...topics.map((t) => roomKey(room, t) as `${string}:${string}`));
}

// Scheduled Hydra sessions: consultants plan them (date, place, capacity, optionally for one area); the listed ones
// appear on the public page with the places left, counted as the places offered so far.
import { and, asc, count, eq, gt, sql } from 'drizzle-orm';
import { db, type Executor } from '$lib/server/db';
import { areas, hydraEvents, hydraRequests } from '$lib/server/db/schema';
import { newId } from '$lib/server/ids';
import { audit } from '$lib/server/audit';
import { ConflictError, InputError, NotFoundError } from '$lib/server/errors';
import { assertStaff } from '$lib/server/auth/staff';
import { londonInstant } from '$lib/domain/slots';
import type { SessionUser } from '$lib/server/auth/session';

export interface EventInput {
	title: string;
	/** London calendar date and wall-clock times. */
	date: string;
	startTime: string;
	endTime: string;
	place: string;
	capacity: number;
	areaId: string | null;
	listed: boolean;
}

/** Places offered on each session: an offered request for a place holds one. */
export function offeredPlaces(executor: Executor = db) {
	return executor
		.select({ eventId: hydraRequests.eventId, offered: count().as('offered') })
		.from(hydraRequests)
		.where(and(eq(hydraRequests.kind, 'place'), eq(hydraRequests.status, 'offered')))
		.groupBy(hydraRequests.eventId)
		.as('offered_places');
}

async function rowValues(executor: Executor, input: EventInput) {
	const startsAt = londonInstant(input.date, input.startTime);
	const endsAt = londonInstant(input.date, input.endTime);
	if (endsAt <= startsAt) throw new InputError({ endTime: 'End the session after it starts.' });
	if (input.areaId) {
		const [area] = await executor.select({ id: areas.id }).from(areas).where(eq(areas.id, input.areaId));
		if (!area) throw new InputError({ areaId: 'Choose an area from the list.' });
	}
	return { title: input.title, startsAt, endsAt, place: input.place, capacity: input.capacity, areaId: input.areaId, listed: input.listed };
}

/** Every session, soonest first, with its area and how many places are offered and asked for. */
export async function listEvents(actor: SessionUser) {
	assertStaff(actor);
	const offered = offeredPlaces();
	const asked = db
		.select({ eventId: hydraRequests.eventId, n: count().as('n') })
		.from(hydraRequests)
		.where(and(eq(hydraRequests.kind, 'place'), eq(hydraRequests.status, 'new')))
		.groupBy(hydraRequests.eventId)
		.as('new_requests');
	return db
		.select({
			event: hydraEvents,
			areaName: areas.name,
			offered: sql<number>`coalesce(${offered.offered}, 0)`.mapWith(Number),
			waiting: sql<number>`coalesce(${asked.n}, 0)`.mapWith(Number)
		})
		.from(hydraEvents)
		.leftJoin(areas, eq(areas.id, hydraEvents.areaId))
		.leftJoin(offered, eq(offered.eventId, hydraEvents.id))
		.leftJoin(asked, eq(asked.eventId, hydraEvents.id))
		.orderBy(asc(hydraEvents.startsAt));
}

export async function getEvent(actor: SessionUser, eventId: string) {
	assertStaff(actor);
	const [event] = await db.select().from(hydraEvents).where(eq(hydraEvents.id, eventId));
	if (!event) throw new NotFoundError();
	return event;
}

/** The areas a session may be run for (staff see them all). */
export async function areaChoices(actor: SessionUser) {
	assertStaff(actor);
	return db.select({ id: areas.id, name: areas.name }).from(areas).orderBy(asc(areas.name));
}

export async function createEvent(actor: SessionUser, input: EventInput) {
	assertStaff(actor);
	return db.transaction(async (tx) => {
		const [event] = await tx
			.insert(hydraEvents)
			.values({ id: newId(), ...(await rowValues(tx, input)), createdBy: actor.id })
			.returning();
		await audit(tx, { actorId: actor.id, entity: 'hydra_event', entityId: event.id, action: 'create', after: event });
		return event;
	});
}

export async function updateEvent(actor: SessionUser, eventId: string, input: EventInput & { version: number }) {
	assertStaff(actor);
	return db.transaction(async (tx) => {
		// Locked like an offer locks it, so the places offered cannot change between the count and the update.
		const [before] = await tx.select().from(hydraEvents).where(eq(hydraEvents.id, eventId)).for('update');
		if (!before) throw new NotFoundError();
		const values = await rowValues(tx, input);
		const [{ offered }] = await tx
			.select({ offered: count() })
			.from(hydraRequests)
			.where(and(eq(hydraRequests.eventId, eventId), eq(hydraRequests.kind, 'place'), eq(hydraRequests.status, 'offered')));
		if (values.capacity < offered)
			throw new InputError({ capacity: `${offered} places are already offered: keep at least ${offered} places.` });
		const [after] = await tx
			.update(hydraEvents)
			.set({ ...values, version: sql`${hydraEvents.version} + 1` })
			.where(and(eq(hydraEvents.id, eventId), eq(hydraEvents.version, input.version)))
			.returning();
		if (!after) throw new ConflictError();
		await audit(tx, { actorId: actor.id, entity: 'hydra_event', entityId: eventId, action: 'update', before, after });
		return after;
	});
}

/** Cancels a session by deleting it; requests for a place on it stay in the inbox, marked as for a cancelled session. */
export async function deleteEvent(actor: SessionUser, eventId: string, version: number) {
	assertStaff(actor);
	return db.transaction(async (tx) => {
		const [before] = await tx.select().from(hydraEvents).where(eq(hydraEvents.id, eventId));
		if (!before) throw new NotFoundError();
		const gone = await tx
			.delete(hydraEvents)
			.where(and(eq(hydraEvents.id, eventId), eq(hydraEvents.version, version)))
			.returning({ id: hydraEvents.id });
		if (gone.length === 0) throw new ConflictError();
		await audit(tx, { actorId: actor.id, entity: 'hydra_event', entityId: eventId, action: 'delete', before });
	});
}

/** For the public page: listed sessions that have not started, soonest first, with the places left. */
export async function upcomingListedEvents(now = new Date()) {
	const offered = offeredPlaces();
	const rows = await db
		.select({
			id: hydraEvents.id,
			title: hydraEvents.title,
			startsAt: hydraEvents.startsAt,
			endsAt: hydraEvents.endsAt,
			place: hydraEvents.place,
			capacity: hydraEvents.capacity,
			offered: sql<number>`coalesce(${offered.offered}, 0)`.mapWith(Number)
		})
		.from(hydraEvents)
		.leftJoin(offered, eq(offered.eventId, hydraEvents.id))
		.where(and(eq(hydraEvents.listed, true), gt(hydraEvents.startsAt, now)))
		.orderBy(asc(hydraEvents.startsAt));
	return rows.map(({ offered: taken, ...event }) => ({ ...event, placesLeft: Math.max(0, event.capacity - taken) }));
}

// Requests from the public Hydra page (a place on a listed session, or a session in the requester's area) and the
// consultants' inbox that answers them. Offering a place holds one of the session's places, never more than it has.
import { and, count, desc, eq, gt, ne, sql } from 'drizzle-orm';
import { db } from '$lib/server/db';
import { hydraEvents, hydraRequests } from '$lib/server/db/schema';
import { newId } from '$lib/server/ids';
import { audit } from '$lib/server/audit';
import { link } from '$lib/server/mail';
import { notifyStaff } from '$lib/server/mail/staff';
import { acknowledge } from '$lib/server/enquiries';
import { takeFromWindow } from '$lib/server/auth/rate-limit';
import { ConflictError, InputError, NotFoundError } from '$lib/server/errors';
import { assertStaff } from '$lib/server/auth/staff';
import { HYDRA_REQUEST_PER_ADDRESS } from '$lib/domain/rate-limit';
import { HYDRA_REQUEST_KIND_LABELS, HYDRA_SECTOR_LABELS, type HydraRequestKind, type HydraRequestStatus, type HydraSector } from '$lib/domain/hydra';
import { formatDateTime } from '$lib/domain/dates';
import { config } from '$lib/server/config';
import type { SessionUser } from '$lib/server/auth/session';
import { offeredPlaces } from './events';

export interface HydraRequestInput {
	kind: HydraRequestKind;
	eventId: string | null;
	name: string;
	organisation: string;
	organisationType: HydraSector;
	email: string;
	message: string;
	website: string;
}

/**
 * Stores a request and tells staff; a filled honeypot is thanked and dropped. A place may be asked for only on a listed
 * session that has not started and still has places.
 */
export async function submitHydraRequest(input: HydraRequestInput, clientAddress: string, now = new Date()) {
	await takeFromWindow('hydra_request', clientAddress, HYDRA_REQUEST_PER_ADDRESS);
	if (input.website) return;
	const { website: _bot, ...fields } = input;
	await db.transaction(async (tx) => {
		let eventTitle = '';
		if (fields.kind === 'place') {
			const offered = offeredPlaces(tx);
			const [event] = await tx
				.select({ id: hydraEvents.id, title: hydraEvents.title, startsAt: hydraEvents.startsAt, capacity: hydraEvents.capacity, offered: sql<number>`coalesce(${offered.offered}, 0)`.mapWith(Number) })
				.from(hydraEvents)
				.leftJoin(offered, eq(offered.eventId, hydraEvents.id))
				.where(and(eq(hydraEvents.id, fields.eventId ?? ''), eq(hydraEvents.listed, true), gt(hydraEvents.startsAt, now)));
			if (!event) throw new InputError({ eventId: 'Choose a session from the list: that one is no longer open.' });
			if (event.offered >= event.capacity)
				throw new InputError({ eventId: 'That session is full. Choose another, or ask for a session in your area.' });
			eventTitle = `${event.title}, ${formatDateTime(event.startsAt)}`;
		} else fields.eventId = null;
		const [request] = await tx.insert(hydraRequests).values({ id: newId(), ...fields }).returning();
		await audit(tx, { actorId: null, entity: 'hydra_request', entityId: request.id, action: 'create', after: request });
		await notifyStaff(tx, {
			kind: 'hydra_request',
			subject: `New Hydra request: ${request.organisation}`,
			text: `${request.name} (${HYDRA_SECTOR_LABELS[request.organisationType]}, ${request.organisation}) asked for ${HYDRA_REQUEST_KIND_LABELS[request.kind].toLowerCase()}${eventTitle ? `: ${eventTitle}` : ''}.\n\nOpen the Hydra requests:\n${link('/app/hydra/requests')}`
		});
		await acknowledge(tx, request.email, {
			kind: 'hydra-request-ack',
			subject: `We have your Hydra request: ${config.orgName}`,
			about: `Hydra training (${HYDRA_REQUEST_KIND_LABELS[request.kind].toLowerCase()})`
		});
	});
}

/** The inbox: new first, then by age; each place request with its session's capacity and places offered. */
export async function listRequests(actor: SessionUser) {
	assertStaff(actor);
	const offered = offeredPlaces();
	return db
		.select({
			request: hydraRequests,
			eventTitle: hydraEvents.title,
			eventStartsAt: hydraEvents.startsAt,
			capacity: hydraEvents.capacity,
			offered: sql<number>`coalesce(${offered.offered}, 0)`.mapWith(Number)
		})
		.from(hydraRequests)
		.leftJoin(hydraEvents, eq(hydraEvents.id, hydraRequests.eventId))
		.leftJoin(offered, eq(offered.eventId, hydraRequests.eventId))
		.orderBy(sql`case ${hydraRequests.status} when 'new' then 0 when 'offered' then 1 else 2 end`, desc(hydraRequests.createdAt));
}

/**
 * Moves a request on. Offering a place holds one of the session's places: refused when every place is already offered
 * (the session row is locked, so two consultants cannot both offer its last place).
 */
export async function setRequestStatus(actor: SessionUser, requestId: string, status: HydraRequestStatus, version: number) {
	assertStaff(actor);
	return db.transaction(async (tx) => {
		const [before] = await tx.select().from(hydraRequests).where(eq(hydraRequests.id, requestId));
		if (!before) throw new NotFoundError();
		if (status === 'offered' && before.status !== 'offered' && before.kind === 'place') {
			if (!before.eventId) throw new InputError({ status: 'The session this request was for has been cancelled: no place can be offered.' });
			const [event] = await tx.select({ capacity: hydraEvents.capacity }).from(hydraEvents).where(eq(hydraEvents.id, before.eventId)).for('update');
			const [{ n }] = await tx
				.select({ n: count() })
				.from(hydraRequests)
				.where(and(eq(hydraRequests.eventId, before.eventId), eq(hydraRequests.kind, 'place'), eq(hydraRequests.status, 'offered'), ne(hydraRequests.id, requestId)));
			if (event && n >= event.capacity)
				throw new InputError({ status: `The session is full: all ${event.capacity} places are offered. Decline this request or add places to the session.` });
		}
		const [after] = await tx
			.update(hydraRequests)
			.set({ status, updatedAt: new Date(), version: sql`${hydraRequests.version} + 1` })
			.where(and(eq(hydraRequests.id, requestId), eq(hydraRequests.version, version)))
			.returning();
		if (!after) throw new ConflictError();
		await audit(tx, { actorId: actor.id, entity: 'hydra_request', entityId: requestId, action: 'status', before, after });
		return after;
	});
}

import { describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { db } from '$lib/server/db';
import { auditLog, hydraRequests, outbox } from '$lib/server/db/schema';
import { createEvent, deleteEvent, listEvents, upcomingListedEvents, updateEvent } from '$lib/server/hydra/events';
import { listRequests, setRequestStatus, submitHydraRequest } from '$lib/server/hydra/requests';
import { createEventSchema, hydraRequestSchema } from '$lib/validators/hydra';
import { ConflictError, InputError, NotFoundError } from '$lib/server/errors';
import { RateLimitedError } from '$lib/server/auth/rate-limit';
import { londonDate } from '$lib/domain/slots';
import { useTestDatabase } from '../helpers/database';
import { makeUser } from '../helpers/factories';

useTestDatabase();

let ip = 0;
const nextIp = () => `203.0.113.${++ip}`;
const inDays = (days: number) => londonDate(new Date(Date.now() + days * 86_400_000));
const session = (overrides: Partial<Parameters<typeof createEvent>[1]> = {}) => ({
	title: 'Hydra: children missing from care',
	date: inDays(20),
	startTime: '09:30',
	endTime: '16:00',
	place: 'Ashdale Conference Centre',
	capacity: 2,
	areaId: null,
	listed: true,
	...overrides
});
const asker = (email: string, eventId: string | null, kind: 'place' | 'area_session' = 'place') => ({
	kind,
	eventId,
	name: 'Robin Example',
	organisation: 'Fenwick Vale Academy',
	organisationType: 'education' as const,
	email,
	message: '',
	website: ''
});

describe('Hydra events', () => {
	it('takes start and end as London wall-clock times, also in summer time', async () => {
		const casey = await makeUser('consultant');
		const event = await createEvent(casey, session({ date: '2031-07-10', startTime: '09:30', endTime: '16:00' }));
		expect(event.startsAt.toISOString()).toBe('2031-07-10T08:30:00.000Z');
		expect(event.endsAt.toISOString()).toBe('2031-07-10T15:00:00.000Z');
		const winter = await createEvent(casey, session({ date: '2031-12-10' }));
		expect(winter.startsAt.toISOString()).toBe('2031-12-10T09:30:00.000Z');
	});

	it('validates the form: an end before the start, no places, a bad date', () => {
		const result = createEventSchema.safeParse({ title: 'x', date: '2031-02-30x', startTime: '16:00', endTime: '09:00', place: 'Hall', capacity: '0' });
		expect(result.success).toBe(false);
		const paths = result.error!.issues.map((i) => i.path[0]);
		expect(paths).toEqual(expect.arrayContaining(['date', 'capacity']));
		const order = createEventSchema.safeParse({ title: 'x', date: '2031-02-03', startTime: '16:00', endTime: '09:00', place: 'Hall', capacity: '5' });
		expect(order.error!.issues).toEqual([expect.objectContaining({ path: ['endTime'], message: 'End the session after it starts.' })]);
	});

	it('lists only listed, upcoming sessions publicly, and refuses a stale edit', async () => {
		const casey = await makeUser('consultant');
		const listed = await createEvent(casey, session());
		await createEvent(casey, session({ title: 'Private', listed: false }));
		await createEvent(casey, session({ title: 'Past', date: inDays(-3) }));
		const shown = (await upcomingListedEvents()).map((e) => e.title);
		expect(shown).toContain(listed.title);
		expect(shown).not.toContain('Private');
		expect(shown).not.toContain('Past');

		await updateEvent(casey, listed.id, { ...session({ capacity: 3 }), version: 1 });
		await expect(updateEvent(casey, listed.id, { ...session({ capacity: 9 }), version: 1 })).rejects.toThrow(ConflictError);
		await expect(listEvents(await makeUser('partner'))).rejects.toThrow(NotFoundError);
	});
});

describe('Hydra requests', () => {
	it('validate their fields: a place needs a session, and the kind of organisation is a sector', () => {
		const place = hydraRequestSchema.safeParse({ kind: 'place', name: 'R', organisation: 'O', organisationType: 'school', email: 'not-an-email' });
		expect(place.success).toBe(false);
		const paths = place.error!.issues.map((i) => i.path[0]);
		expect(paths).toEqual(expect.arrayContaining(['organisationType', 'email']));
		const noSession = hydraRequestSchema.safeParse({ kind: 'place', name: 'R', organisation: 'O', organisationType: 'education', email: 'r@example.test' });
		expect(noSession.error!.issues).toEqual([expect.objectContaining({ path: ['eventId'] })]);
		expect(hydraRequestSchema.safeParse({ kind: 'area_session', name: 'R', organisation: 'O', organisationType: 'police', email: 'r@example.test', extra: '1' }).success).toBe(false);
	});

	it('land as new with an audit row and a mail to staff; a place only on a listed, open, upcoming session', async () => {
		const casey = await makeUser('consultant');
		const listed = await createEvent(casey, session());
		const hidden = await createEvent(casey, session({ listed: false }));
		await submitHydraRequest(asker('robin@fenwick.test', listed.id), nextIp());
		const [row] = await db.select().from(hydraRequests).where(eq(hydraRequests.email, 'robin@fenwick.test'));
		expect(row).toMatchObject({ status: 'new', kind: 'place', eventId: listed.id, version: 1 });
		expect(await db.select().from(auditLog).where(eq(auditLog.entityId, row.id))).toHaveLength(1);
		const [mail] = await db.select().from(outbox).where(eq(outbox.to, casey.email));
		expect(mail.text).toContain('/app/hydra/requests');

		await expect(submitHydraRequest(asker('x@fenwick.test', hidden.id), nextIp())).rejects.toThrow(InputError);
		await expect(submitHydraRequest(asker('x@fenwick.test', 'no-such-session'), nextIp())).rejects.toThrow(InputError);
		// A session in your area has no session, whatever the form sent.
		await submitHydraRequest(asker('area@fenwick.test', listed.id, 'area_session'), nextIp());
		const [area] = await db.select().from(hydraRequests).where(eq(hydraRequests.email, 'area@fenwick.test'));
		expect(area.eventId).toBeNull();
	});

	it('are rate limited per address, and a filled honeypot stores nothing', async () => {
		const address = nextIp();
		for (let i = 0; i < 5; i++) await submitHydraRequest(asker(`bot${i}@example.test`, null, 'area_session'), address);
		await expect(submitHydraRequest(asker('late@example.test', null, 'area_session'), address)).rejects.toThrow(RateLimitedError);
		await submitHydraRequest({ ...asker('honey@example.test', null, 'area_session'), website: 'spam' }, nextIp());
		expect(await db.select().from(hydraRequests).where(eq(hydraRequests.email, 'honey@example.test'))).toHaveLength(0);
	});

	it('offer no more places than the session has, counting offered places, and refuse a full session publicly', async () => {
		const casey = await makeUser('consultant');
		const event = await createEvent(casey, session({ capacity: 2 }));
		for (const who of ['a', 'b', 'c']) await submitHydraRequest(asker(`${who}@cap.test`, event.id), nextIp());
		const rows = (await listRequests(casey)).filter((r) => r.request.eventId === event.id);
		expect(rows).toHaveLength(3);
		const [a, b, c] = rows.map((r) => r.request);
		await setRequestStatus(casey, a.id, 'offered', a.version);
		await setRequestStatus(casey, b.id, 'offered', b.version);
		const full = await setRequestStatus(casey, c.id, 'offered', c.version).catch((e) => e);
		expect(full).toBeInstanceOf(InputError);
		expect(full.errors.status).toMatch(/all 2 places are offered/);
		expect((await listRequests(casey)).find((r) => r.request.id === c.id)).toMatchObject({ offered: 2, capacity: 2 });

		expect((await upcomingListedEvents()).find((e) => e.id === event.id)?.placesLeft).toBe(0);
		await expect(submitHydraRequest(asker('d@cap.test', event.id), nextIp())).rejects.toThrow(/That session is full/);
		// Fewer places than already offered is refused.
		await expect(updateEvent(casey, event.id, { ...session({ capacity: 1 }), version: 1 })).rejects.toThrow(/2 places are already offered/);

		// Declining one frees its place.
		await setRequestStatus(casey, a.id, 'declined', a.version + 1);
		await setRequestStatus(casey, c.id, 'offered', c.version);
		await expect(setRequestStatus(casey, c.id, 'closed', c.version)).rejects.toThrow(ConflictError);
	});

	it('survive the session being cancelled, and no place can then be offered', async () => {
		const casey = await makeUser('consultant');
		const event = await createEvent(casey, session());
		await submitHydraRequest(asker('cancel@example.test', event.id), nextIp());
		await deleteEvent(casey, event.id, 1);
		const [row] = await db.select().from(hydraRequests).where(eq(hydraRequests.email, 'cancel@example.test'));
		expect(row.eventId).toBeNull();
		await expect(setRequestStatus(casey, row.id, 'offered', row.version)).rejects.toThrow(/cancelled/);
		await expect(setRequestStatus(await makeUser('partner'), row.id, 'closed', row.version)).rejects.toThrow(NotFoundError);
	});
});

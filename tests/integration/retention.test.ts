// The retention job removes exactly what is due, once, even when two runs start at the same moment.
import { describe, expect, it } from 'vitest';
import { and, eq, sql } from 'drizzle-orm';
import { databaseKind, db } from '$lib/server/db';
import {
	appeals,
	auditLog,
	bookings,
	heroSubscribers,
	heroTokens,
	hydraEvents,
	hydraRequests,
	invitations,
	mapImports,
	outbox,
	partnerEnquiries,
	passwordResets,
	rateLimitHits,
	sessions,
	sightings
} from '$lib/server/db/schema';
import { RETENTION_LOCK, retentionOverview, runRetention } from '$lib/server/retention';
import { KINDS } from '$lib/server/retention/kinds';
import { NotFoundError } from '$lib/server/errors';
import { newId } from '$lib/server/ids';
import { useTestDatabase } from '../helpers/database';
import { makeArea, makeUser } from '../helpers/factories';

useTestDatabase();

const now = new Date();
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const ago = (ms: number) => new Date(now.getTime() - ms);
const ahead = (ms: number) => new Date(now.getTime() + ms);
const monthsAgo = (months: number) => {
	const d = new Date(now);
	d.setUTCMonth(d.getUTCMonth() - months);
	return d;
};

/** One record of every kind whose time is up (`due`) and one whose time is not (`kept`); returns the due ids. */
async function recordsOfEveryKind() {
	const user = await makeUser('consultant');
	const consent = { consentWording: 'Yes', consentMethod: 'test', region: null };
	const hero = (status: 'pending' | 'unsubscribed' | 'confirmed', consentAt: Date, unsubscribedAt: Date | null = null) => ({
		id: newId(),
		email: `${newId()}@example.test`,
		status,
		consentAt,
		unsubscribedAt,
		confirmedAt: status === 'pending' ? null : consentAt,
		...consent
	});
	const pendingDue = hero('pending', ago(8 * DAY));
	const pendingKept = hero('pending', ago(2 * DAY));
	const unsubDue = hero('unsubscribed', ago(400 * DAY), ago(366 * DAY));
	const unsubKept = hero('unsubscribed', ago(400 * DAY), ago(100 * DAY));
	const confirmed = hero('confirmed', ago(900 * DAY));
	await db.insert(heroSubscribers).values([pendingDue, pendingKept, unsubDue, unsubKept, confirmed]);
	await db.insert(heroTokens).values([
		{ tokenHash: newId(), subscriberId: confirmed.id, purpose: 'manage', expiresAt: ago(HOUR) },
		{ tokenHash: newId(), subscriberId: confirmed.id, purpose: 'manage', expiresAt: ahead(DAY) }
	]);

	const appealId = newId();
	await db.insert(appeals).values({ id: appealId, firstName: 'Dee', age: 30, region: 'wales', missingSince: '2026-01-01', description: 'Seen.' });
	const sighting = (status: 'new' | 'handled', handledAt: Date | null) => ({
		id: newId(), appealId, seenWhen: 'Monday', seenWhere: 'Park', whatSeen: 'Her', contactDetails: '07000 000000', status, handledAt
	});
	const sightingDue = sighting('handled', ago(31 * DAY));
	await db.insert(sightings).values([sightingDue, sighting('handled', ago(5 * DAY)), { ...sighting('new', null), createdAt: ago(400 * DAY) }]);

	const booking = (startsAt: Date) => ({
		id: newId(),
		consultantId: user.id,
		startsAt,
		endsAt: new Date(startsAt.getTime() + 45 * 60_000),
		blocksUntil: new Date(startsAt.getTime() + 60 * 60_000),
		leadName: 'Jo Lead',
		leadRole: 'Coordinator',
		organisation: 'Testshire Police',
		organisationType: 'police' as const,
		localArea: 'Testshire',
		email: `${newId()}@example.test`,
		situation: 'Repeat episodes.',
		consentAt: startsAt,
		tokenHash: newId(),
		tokenExpiresAt: startsAt,
		lastContactAt: startsAt,
		status: 'completed' as const
	});
	const bookingDue = booking(monthsAgo(25));
	await db.insert(bookings).values([bookingDue, booking(monthsAgo(3))]);
	await db.insert(auditLog).values({ entity: 'booking', entityId: bookingDue.id, action: 'create', after: { leadName: 'Jo Lead', email: bookingDue.email } });

	const enquiry = (updatedAt: Date) => ({
		id: newId(), organisationType: 'police' as const, organisation: 'Force', name: 'Dana', email: `${newId()}@example.test`, message: 'Hello', updatedAt, createdAt: updatedAt
	});
	await db.insert(partnerEnquiries).values([enquiry(monthsAgo(25)), enquiry(monthsAgo(2))]);

	// A Hydra request is kept a year after it last changed or its session ended, whichever is later.
	const session = { id: newId(), title: 'Session', startsAt: monthsAgo(2), endsAt: new Date(monthsAgo(2).getTime() + 6 * HOUR), place: 'Hall', capacity: 10 };
	await db.insert(hydraEvents).values(session);
	const request = (updatedAt: Date, eventId: string | null = null) => ({
		id: newId(), kind: (eventId ? 'place' : 'area_session') as 'place' | 'area_session', eventId, name: 'Robin', organisation: 'School',
		organisationType: 'education' as const, email: `${newId()}@example.test`, updatedAt, createdAt: updatedAt
	});
	const hydraRequestDue = request(monthsAgo(13));
	const hydraRequestForRecentSession = request(monthsAgo(13), session.id);
	await db.insert(hydraRequests).values([hydraRequestDue, hydraRequestForRecentSession, request(monthsAgo(2))]);

	const mail = (status: 'sent' | 'pending' | 'failed', sentAt: Date | null, createdAt: Date) => ({
		id: newId(), to: 'x@example.test', subject: 'S', text: 'T', kind: 'test', status, sentAt, createdAt
	});
	await db.insert(outbox).values([mail('sent', ago(91 * DAY), ago(91 * DAY)), mail('sent', ago(10 * DAY), ago(10 * DAY)), mail('pending', null, ago(400 * DAY))]);

	const invitation = (expiresAt: Date) => ({ id: newId(), tokenHash: newId(), email: `${newId()}@example.test`, role: 'partner' as const, expiresAt });
	await db.insert(invitations).values([invitation(ago(31 * DAY)), invitation(ago(DAY))]);
	await db.insert(passwordResets).values([
		{ id: newId(), tokenHash: newId(), userId: user.id, expiresAt: ago(60_000) },
		{ id: newId(), tokenHash: newId(), userId: user.id, expiresAt: ahead(HOUR) }
	]);
	const area = await makeArea();
	const upload = (expiresAt: Date) => ({ id: newId(), areaId: area.id, userId: user.id, fileName: 'map.xlsx', rows: { elements: [], connections: [] }, expiresAt });
	await db.insert(mapImports).values([upload(ago(60_000)), upload(ahead(HOUR))]);
	await db.insert(sessions).values([
		{ id: newId(), userId: user.id, expiresAt: ago(1000), absoluteExpiresAt: ahead(DAY) },
		{ id: newId(), userId: user.id, expiresAt: ahead(DAY), absoluteExpiresAt: ahead(2 * DAY) }
	]);
	await db.insert(rateLimitHits).values([
		{ bucket: 'sign-in:address', key: '192.0.2.9', at: ago(25 * HOUR) },
		{ bucket: 'sign-in:address', key: '192.0.2.9', at: ago(HOUR) }
	]);
	await db.insert(auditLog).values([
		{ entity: 'thing', entityId: 'old', action: 'create', at: ago(2193 * DAY) },
		{ entity: 'thing', entityId: 'recent', action: 'create', at: ago(DAY) }
	]);
	return { pendingKept, bookingDue, sightingDue, hydraRequestForRecentSession };
}

const ONE_OF_EACH = Object.fromEntries(KINDS.map((k) => [k.id, 1]));

describe('the retention job', () => {
	it('shows what is due and when, removes exactly that once when two runs start together, and nothing more after', async () => {
		const admin = await makeUser('admin');
		const { pendingKept, bookingDue, sightingDue, hydraRequestForRecentSession } = await recordsOfEveryKind();

		const before = await retentionOverview(admin, now);
		expect(Object.fromEntries(before.kinds.map((k) => [k.id, k.dueNow]))).toEqual(ONE_OF_EACH);
		const unconfirmed = before.kinds.find((k) => k.id === 'hero-unconfirmed')!;
		expect(unconfirmed.nextDueAt?.getTime()).toBe(pendingKept.consentAt.getTime() + 7 * DAY);
		expect(unconfirmed.dueWithin30Days).toBe(1);

		// On PostgreSQL a run that finds another instance's run under way (holding the lock) does nothing at all.
		if (databaseKind() === 'postgres') {
			await db.transaction(async (tx) => {
				await tx.execute(sql`select pg_advisory_xact_lock(${RETENTION_LOCK})`);
				expect(await runRetention(now)).toBeNull();
			});
			const stillDue = await retentionOverview(admin, now);
			expect(Object.fromEntries(stillDue.kinds.map((k) => [k.id, k.dueNow]))).toEqual(ONE_OF_EACH);
		}

		// Two runs started together remove each record once, whether they overlap (one takes the lock, the other finds it
		// held) or follow one another (the embedded database has one connection; the second finds nothing left).
		const runs = await Promise.all([runRetention(now), runRetention(now)]);
		const worked = runs.filter((r): r is Record<string, number> => r !== null);
		const total = Object.fromEntries(KINDS.map((k) => [k.id, worked.reduce((n, r) => n + r[k.id], 0)]));
		expect(total).toEqual(ONE_OF_EACH);

		const [booking] = await db.select().from(bookings).where(eq(bookings.id, bookingDue.id));
		expect(booking.leadName).toBe('Anonymised');
		expect(booking.email).not.toContain('@example.test');
		const history = await db.select().from(auditLog).where(eq(auditLog.entityId, bookingDue.id));
		expect(history.filter((h) => h.action === 'anonymise')).toHaveLength(1);
		expect(JSON.stringify(history)).not.toContain('Jo Lead');
		expect(await db.select().from(sightings).where(eq(sightings.id, sightingDue.id))).toHaveLength(0);
		expect(await db.select().from(heroSubscribers).where(eq(heroSubscribers.id, pendingKept.id))).toHaveLength(1);
		expect(await db.select().from(outbox).where(and(eq(outbox.status, 'pending'), eq(outbox.kind, 'test')))).toHaveLength(1);
		expect(await db.select().from(hydraRequests).where(eq(hydraRequests.id, hydraRequestForRecentSession.id))).toHaveLength(1);
		expect(await db.select().from(hydraRequests)).toHaveLength(2);

		expect(await runRetention(now)).toEqual(Object.fromEntries(KINDS.map((k) => [k.id, 0])));
		const after = await retentionOverview(admin, now);
		expect(after.kinds.every((k) => k.dueNow === 0)).toBe(true);
		expect(after.lastRun?.ranAt.getTime()).toBe(now.getTime());
	});

	it('shows its page to admins only', async () => {
		await expect(retentionOverview(await makeUser('consultant'))).rejects.toThrow(NotFoundError);
	});
});

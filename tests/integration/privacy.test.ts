// Subject access and erasure: every place an address can be held is found, exported, and erased to nothing but the
// suppression list's keyed hash.
import { describe, expect, it } from 'vitest';
import { eq, sql } from 'drizzle-orm';
import { db } from '$lib/server/db';
import { actionUpdates, actions, appeals, auditLog, bookings, memberships, outbox, sessions, suppressedAddresses, users } from '$lib/server/db/schema';
import { createInvitation, acceptInvitation } from '$lib/server/auth/invitations';
import { recordHit } from '$lib/server/auth/rate-limit';
import { audit } from '$lib/server/audit';
import { enqueueMail } from '$lib/server/mail';
import { submitEnquiry } from '$lib/server/enquiries';
import { submitHydraRequest } from '$lib/server/hydra/requests';
import { confirmSubscription, reportSighting, signUp } from '$lib/server/heroes';
import { bookConsultation, startEngagement } from '$lib/server/bookings';
import { eraseSubject, exportSubject, findSubject, liftSuppression } from '$lib/server/privacy';
import { addressHash } from '$lib/server/privacy/suppression';
import { InputError, NotFoundError } from '$lib/server/errors';
import { newId } from '$lib/server/ids';
import { FORMER_MEMBER } from '$lib/domain/privacy';
import { useTestDatabase } from '../helpers/database';
import { makeArea, makeUser } from '../helpers/factories';
import { intake, makeConsultant, NOW, THURSDAY_10 } from '../helpers/bookings';

useTestDatabase();

const ADDRESS = 'erin.example@example.test';
const NAME = 'Erin Example';
let ip = 0;
const nextIp = () => `198.51.100.${++ip}`;

const rowsOf = (result: unknown) => (Array.isArray(result) ? result : (result as { rows: unknown[] }).rows) as Record<string, unknown>[];

/** Every text and JSON column of every table in the database that holds `needle`, ignoring case: `table.column`. */
async function whereFound(needle: string) {
	const columns = rowsOf(
		await db.execute(sql`
			select table_schema, table_name, column_name from information_schema.columns
			where table_schema not in ('pg_catalog', 'information_schema')
				and data_type in ('text', 'character varying', 'character', 'jsonb', 'json')
				and table_name in (select table_name from information_schema.tables where table_type = 'BASE TABLE')`)
	);
	expect(columns.length).toBeGreaterThan(40);
	const hits: string[] = [];
	for (const c of columns) {
		const column = sql.raw(`"${c.table_schema}"."${c.table_name}"."${c.column_name}"`);
		const table = sql.raw(`"${c.table_schema}"."${c.table_name}"`);
		const [row] = rowsOf(await db.execute(sql`select count(*)::int as n from ${table} where strpos(lower(${column}::text), ${needle.toLowerCase()}) > 0`));
		if (Number(row.n) > 0) hits.push(`${c.table_name}.${c.column_name}`);
	}
	return hits;
}

/** Puts the address everywhere the app can: an account with area work, a booking, an enquiry, a Hydra request, a sign-up, a sighting. */
async function personEverywhere() {
	const admin = await makeUser('admin');
	const area = await makeArea();
	const { token } = await db.transaction((tx) =>
		createInvitation(tx, admin, { email: 'Erin.Example@Example.test', role: 'partner', area: { id: area.id, name: area.name, role: 'editor' } })
	);
	const { user } = await acceptInvitation(token, { name: NAME, organisation: 'Testshire Council', password: 'a long enough phrase' });
	const actionId = newId();
	await db.insert(actions).values({ id: actionId, areaId: area.id, title: 'Collate return interviews', description: `Ask ${ADDRESS} for the list`, createdBy: user.id, ownerUserId: user.id });
	await db.insert(actionUpdates).values({ id: newId(), areaId: area.id, actionId, authorId: user.id, body: `Sent by ERIN.EXAMPLE@example.test` });
	await audit(db, { actorId: user.id, areaId: area.id, entity: 'action', entityId: actionId, action: 'create', after: { note: `contact ${ADDRESS}` } });
	await recordHit('sign-in:account', ADDRESS);

	await makeConsultant();
	await bookConsultation(intake(THURSDAY_10, { email: ADDRESS, name: NAME }), nextIp(), NOW);
	await submitEnquiry(
		{ topic: 'partnership', organisationType: 'council', organisation: 'Testshire Council', name: NAME, email: ADDRESS, phone: '', place: 'Testshire', message: 'We would like to talk.', website: '' },
		nextIp()
	);
	await submitHydraRequest(
		{ kind: 'area_session', eventId: null, name: NAME, organisation: 'Testshire Council', organisationType: 'childrens_services', email: ADDRESS, message: 'A session for our teams, please.', website: '' },
		nextIp()
	);
	await signUp({ email: ADDRESS, firstName: 'Erin', region: null, website: '' }, nextIp());
	const appealId = newId();
	await db.insert(appeals).values({ id: appealId, firstName: 'Dee', age: 30, region: 'wales', missingSince: '2026-01-01', description: 'Last seen at the station.' });
	await reportSighting(appealId, { seenWhen: 'Tuesday', seenWhere: 'Market', whatSeen: 'Someone like her', contactName: NAME, contactDetails: `mail ${ADDRESS}`, website: '' }, nextIp());
	await enqueueMail(db, { to: 'staff@example.test', subject: 'Note', text: `Call ${NAME} back at ${ADDRESS}`, kind: 'test' });
	return { admin, area, user, actionId };
}

describe('subject access and erasure', () => {
	it('finds and exports the address in every place, then erases it to nothing but the suppression hash', async () => {
		const { admin, user, actionId } = await personEverywhere();
		expect((await whereFound(ADDRESS)).length).toBeGreaterThan(8);

		const found = await findSubject(admin, ' Erin.Example@EXAMPLE.test ');
		const counts = Object.fromEntries(found.sources.map((s) => [s.id, s.count]));
		expect(counts).toMatchObject({ accounts: 1, invitations: 1, bookings: 1, enquiries: 1, 'hydra-requests': 1, 'search-heroes': 1, sightings: 1, 'rate-limits': 1 });
		expect(counts['area-text']).toBe(2);
		expect(counts.mail).toBeGreaterThanOrEqual(4);
		expect(counts.audit).toBeGreaterThanOrEqual(3);

		const exported = await exportSubject(admin, ADDRESS);
		expect(exported.subject).toBe(ADDRESS);
		expect(JSON.parse(JSON.stringify(exported)).sources.bookings.records[0].leadName).toBe(NAME);

		await eraseSubject(admin, 'Erin.Example@example.test');

		expect(await whereFound(ADDRESS)).toEqual([]);
		expect(await whereFound(NAME)).toEqual([]);
		const [suppressed] = await db.select().from(suppressedAddresses).where(eq(suppressedAddresses.hash, addressHash(ADDRESS)));
		expect(suppressed.hash).toMatch(/^[0-9a-f]{64}$/);

		// Area work stays, by a former member who can no longer sign in.
		const [action] = await db.select().from(actions).where(eq(actions.id, actionId));
		expect(action.createdBy).toBe(user.id);
		expect(action.description).toBe('Ask [erased] for the list');
		const [former] = await db.select().from(users).where(eq(users.id, user.id));
		expect(former.name).toBe(FORMER_MEMBER);
		expect(former.disabledAt).not.toBeNull();
		expect(await db.select().from(sessions).where(eq(sessions.userId, user.id))).toHaveLength(0);
		expect(await db.select().from(memberships).where(eq(memberships.userId, user.id))).toHaveLength(0);
		// Audit rows keep their ids; the erasure's own row holds counts only.
		expect((await db.select().from(auditLog).where(eq(auditLog.entityId, user.id))).length).toBeGreaterThan(1);
		expect((await findSubject(admin, ADDRESS)).total).toBe(0);
	});

	it('keeps the erased address out of invitations until its owner opts in again', async () => {
		const admin = await makeUser('admin');
		const address = 'returning@example.test';
		await signUp({ email: address, firstName: '', region: null, website: '' }, nextIp());
		await eraseSubject(admin, address);
		const refused = await db.transaction((tx) => createInvitation(tx, admin, { email: address, role: 'consultant' })).catch((e) => e);
		expect(refused).toBeInstanceOf(InputError);
		expect((refused as InputError).errors.email).toMatch(/suppression list/);

		// Signing up again is allowed; only the confirmation, the person's own fresh opt-in, lifts the suppression.
		await signUp({ email: address, firstName: '', region: null, website: '' }, nextIp());
		expect((await findSubject(admin, address)).suppressedAt).not.toBeNull();
		const [mail] = await db.select().from(outbox).where(eq(outbox.to, address));
		const token = mail.text.match(/search-heroes\/confirm\/([a-z0-9]+)/)![1];
		expect(await confirmSubscription(token)).toBe(true);
		expect((await findSubject(admin, address)).suppressedAt).toBeNull();
		await db.transaction((tx) => createInvitation(tx, admin, { email: address, role: 'consultant' }));
	});

	it('refuses to start an engagement that would invite a suppressed lead, saying so on the form', async () => {
		const admin = await makeUser('admin');
		const address = 'suppressed.lead@example.test';
		await eraseSubject(admin, address);
		await makeConsultant();
		// Booking is the person's own act: allowed. Inviting them into an area is not.
		const { booking } = await bookConsultation(intake(THURSDAY_10, { email: address }), nextIp(), NOW);
		const error = await startEngagement(admin, booking.id, booking.version).catch((e) => e);
		expect(error).toBeInstanceOf(InputError);
		expect((error as InputError).errors._form).toMatch(/suppression list/);
		const [after] = await db.select().from(bookings).where(eq(bookings.id, booking.id));
		expect(after.engagementAreaId).toBeNull();
	});

	it('lets an admin lift a suppression, audited', async () => {
		const admin = await makeUser('admin');
		await eraseSubject(admin, 'lift@example.test');
		await liftSuppression(admin, 'LIFT@example.test');
		expect((await findSubject(admin, 'lift@example.test')).suppressedAt).toBeNull();
		await expect(liftSuppression(admin, 'lift@example.test')).rejects.toThrow(InputError);
		const rows = await db.select().from(auditLog).where(eq(auditLog.action, 'lift-suppression'));
		expect(JSON.stringify(rows)).not.toContain('lift@example.test');
	});

	it('refuses to erase your own account or the last admin, changing nothing', async () => {
		const admin = await makeUser('admin');
		await expect(eraseSubject(admin, admin.email)).rejects.toThrow(/your own account/);
		const [row] = await db.select().from(users).where(eq(users.id, admin.id));
		expect(row.email).toBe(admin.email);
		expect(await db.select().from(suppressedAddresses).where(eq(suppressedAddresses.hash, addressHash(admin.email)))).toHaveLength(0);
	});

	it('is refused to anyone but an admin', async () => {
		const consultant = await makeUser('consultant');
		await expect(findSubject(consultant, ADDRESS)).rejects.toThrow(NotFoundError);
		await expect(exportSubject(consultant, ADDRESS)).rejects.toThrow(NotFoundError);
		await expect(eraseSubject(consultant, 'someone@example.test')).rejects.toThrow(NotFoundError);
		await expect(liftSuppression(consultant, ADDRESS)).rejects.toThrow(NotFoundError);
		expect(await db.select().from(suppressedAddresses).where(eq(suppressedAddresses.hash, addressHash('someone@example.test')))).toHaveLength(0);
	});
});

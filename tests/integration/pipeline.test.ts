import { describe, expect, it } from 'vitest';
import { and, eq, sql } from 'drizzle-orm';
import { db } from '$lib/server/db';
import { areas, auditLog, availability, bookings, hydraRequests, outbox, partnerEnquiries, users } from '$lib/server/db/schema';
import { setEnquiryStatus, submitEnquiry, findOffer } from '$lib/server/enquiries';
import { submitHydraRequest } from '$lib/server/hydra/requests';
import { assignOwner, offerConsultation, pipelineBoard, startProspectArea } from '$lib/server/pipeline';
import { bookConsultation, cancelByToken, startEngagement } from '$lib/server/bookings';
import { updateArea, findAreaAccess } from '$lib/server/areas';
import { ConflictError, InputError, NotFoundError } from '$lib/server/errors';
import { viewOutboxMessage } from '$lib/server/mail';
import { useTestDatabase } from '../helpers/database';
import { makeUser } from '../helpers/factories';
import { NOW, THURSDAY_10, intake, makeConsultant } from '../helpers/bookings';

useTestDatabase();

let address = 0;
const nextAddress = () => `203.0.113.${++address % 250}`;
let n = 0;

async function enquiry(over: Partial<Parameters<typeof submitEnquiry>[0]> = {}) {
	n += 1;
	const organisation = over.organisation ?? `Fernhill District Council ${n}`;
	await submitEnquiry(
		{
			topic: 'partnership',
			organisationType: 'council',
			organisation,
			name: `Sam Enquirer ${n}`,
			email: `sam${n}@fernhill.example`,
			phone: '01632 960123',
			place: `Fernhill ${n}`,
			message: 'We would like to talk about adults who go missing from supported housing.',
			website: '',
			...over
		},
		nextAddress()
	);
	const [row] = await db.select().from(partnerEnquiries).where(eq(partnerEnquiries.organisation, organisation));
	return row;
}

const tokenIn = (text: string) => text.match(/\/consultation\?offer=([A-Za-z0-9_-]+)/)![1];
const stage = (board: Awaited<ReturnType<typeof pipelineBoard>>, name: string) => board.find((s) => s.stage === name)!;
const DAY = 24 * 60 * 60 * 1000;

describe('acknowledgements', () => {
	it('every enquirer and every Hydra requester gets one, repeating nothing they typed', async () => {
		const row = await enquiry({ name: 'Visit https://spam.example now' });
		const [ack] = await db.select().from(outbox).where(and(eq(outbox.to, row.email), eq(outbox.kind, 'partner-enquiry-ack')));
		expect(ack.subject).toContain('We have your enquiry');
		expect(ack.text).toContain('becoming a partner area');
		expect(ack.text).not.toContain('spam.example');
		expect(ack.headers['Reply-To']).toBeTruthy();

		await submitHydraRequest(
			{ kind: 'area_session', eventId: null, name: 'Ali Trainer', organisation: 'Northvale Police', organisationType: 'police', email: 'ali@northvale.example', message: 'Our response teams.', website: '' },
			nextAddress()
		);
		const [hydra] = await db.select().from(outbox).where(and(eq(outbox.to, 'ali@northvale.example'), eq(outbox.kind, 'hydra-request-ack')));
		expect(hydra.text).toContain('Hydra training');
		expect(hydra.text).not.toContain('Our response teams');
		expect(await db.select().from(hydraRequests).where(eq(hydraRequests.email, 'ali@northvale.example'))).toHaveLength(1);
	});

	it('a filled honeypot gets no acknowledgement', async () => {
		await submitEnquiry(
			{ topic: 'partnership', organisationType: 'police', organisation: 'Bot Ltd', name: 'Bot', email: 'bot@spam.example', phone: '', place: '', message: 'x', website: 'http://x' },
			nextAddress()
		);
		expect(await db.select().from(outbox).where(eq(outbox.to, 'bot@spam.example'))).toHaveLength(0);
	});
});

describe('the pipeline', () => {
	it('moves an enquiry through offer, booking and prospect area, counted once at each stage with its owner', async () => {
		const consultant = await makeConsultant();
		await db.update(availability).set({ acceptingBookings: sql`${availability.userId} = ${consultant.id}` });
		const row = await enquiry({ organisationType: 'police', organisation: 'Northvale Constabulary' });
		const onBoard = async (now: Date) => {
			const board = await pipelineBoard(consultant, now);
			const all = board.flatMap((s) => s.items.map((i) => ({ ...i, stage: s.stage })));
			return { board, mine: all.filter((i) => i.title === 'Northvale Constabulary' || i.title === 'Northvale') };
		};

		let { mine } = await onBoard(new Date());
		expect(mine).toEqual([expect.objectContaining({ stage: 'enquiry', kind: 'enquiry', ownerId: null })]);

		// Offer: a mail with a link that fills the booking page in; the offering consultant now owns it.
		const offered = await offerConsultation(consultant, row.id, row.version, NOW);
		expect(offered).toMatchObject({ status: 'offered', ownerId: consultant.id });
		const [mail] = await db.select().from(outbox).where(and(eq(outbox.to, row.email), eq(outbox.kind, 'consultation-offer')));
		expect(mail.headers['Reply-To']).toContain(consultant.email);
		const token = tokenIn(mail.text);
		expect((await findOffer(token, NOW))?.id).toBe(row.id);
		// The admin mailbox shows the link masked: reading the mailbox is no way to book as the lead.
		expect((await viewOutboxMessage(mail.id))!.text).not.toContain(token);
		// The audit never holds the link's hash.
		const trail = await db.select().from(auditLog).where(and(eq(auditLog.entityId, row.id), eq(auditLog.action, 'offer-consultation')));
		expect(trail[0].after).not.toHaveProperty('offerTokenHash');
		({ mine } = await onBoard(new Date(NOW.getTime() + 2 * DAY)));
		expect(mine).toEqual([expect.objectContaining({ stage: 'consultation', ownerName: consultant.name })]);

		// The lead books through the link: the booking names the enquiry, which is now "booked".
		const { booking, token: manage } = await bookConsultation(intake(THURSDAY_10, { email: row.email, offer: token }), nextAddress(), NOW);
		expect(booking.enquiryId).toBe(row.id);
		let [now] = await db.select().from(partnerEnquiries).where(eq(partnerEnquiries.id, row.id));
		expect(now.status).toBe('booked');
		// Counted once: the enquiry, not the booking as well.
		({ mine } = await onBoard(NOW));
		expect(mine).toHaveLength(1);

		// The lead cancels: the offer stands again, and its link still books.
		await cancelByToken(manage, NOW);
		[now] = await db.select().from(partnerEnquiries).where(eq(partnerEnquiries.id, row.id));
		expect(now.status).toBe('offered');
		const again = await bookConsultation(intake(new Date('2027-03-25T11:00:00Z'), { offer: token, localArea: 'Northvale' }), nextAddress(), NOW);
		expect(again.booking.enquiryId).toBe(row.id);

		// The consultation leads to a prospect area: the enquiry follows it, and the board shows the area instead.
		const area = await startEngagement(consultant, again.booking.id, again.booking.version);
		[now] = await db.select().from(partnerEnquiries).where(eq(partnerEnquiries.id, row.id));
		expect(now).toMatchObject({ status: 'prospect', areaId: area.id });
		({ mine } = await onBoard(NOW));
		expect(mine).toEqual([expect.objectContaining({ stage: 'prospect', kind: 'area', ownerId: consultant.id })]);

		// The area becomes a partner: so does the enquiry, and the area's wait there starts again.
		const context = (await findAreaAccess(consultant, area.slug))!;
		const active = await updateArea(context, { name: area.name, policeForce: area.policeForce, localAuthorities: '', status: 'active', description: '', version: area.version });
		[now] = await db.select().from(partnerEnquiries).where(eq(partnerEnquiries.id, row.id));
		expect(now.status).toBe('partner');
		expect(active.statusSince.getTime()).toBeGreaterThan(area.statusSince.getTime() - 1);
		({ mine } = await onBoard(new Date()));
		expect(mine).toEqual([expect.objectContaining({ stage: 'partner' })]);
		// Its status is no longer set by hand.
		await expect(setEnquiryStatus(consultant, row.id, 'closed', now.version)).rejects.toThrow(InputError);
	});

	it('starts a prospect area straight from an enquiry, as the new-area form would', async () => {
		const consultant = await makeUser('consultant');
		const owner = await makeUser('consultant');
		const row = await enquiry();
		const owned = await assignOwner(consultant, { kind: 'enquiry', id: row.id, ownerId: owner.id, version: row.version });
		const area = await startProspectArea(consultant, row.id, { name: 'Fernhill', policeForce: 'Fernhill Police', localAuthorities: 'Fernhill District Council' }, owned.version);
		expect(area).toMatchObject({ status: 'prospect', name: 'Fernhill', ownerId: owner.id, createdBy: consultant.id });
		expect(area.slug).toMatch(/^fernhill(-\d+)?$/);
		expect(await findAreaAccess(consultant, area.slug)).toMatchObject({ role: 'lead' });
		const [now] = await db.select().from(partnerEnquiries).where(eq(partnerEnquiries.id, row.id));
		expect(now).toMatchObject({ status: 'prospect', areaId: area.id, ownerId: owner.id });
		// Once is enough: neither step runs again on it.
		await expect(startProspectArea(consultant, row.id, { name: 'Again', policeForce: 'X', localAuthorities: '' }, now.version)).rejects.toThrow(InputError);
		await expect(offerConsultation(consultant, row.id, now.version)).rejects.toThrow(InputError);
	});

	it('counts each stage with its median and longest wait', async () => {
		const consultant = await makeUser('consultant');
		// Only what this test makes: earlier tests' rows are moved out of the pipeline.
		await db.update(partnerEnquiries).set({ status: 'closed' });
		await db.update(areas).set({ status: 'closed' });
		await db.update(bookings).set({ status: 'cancelled' });
		const base = new Date('2027-05-01T09:00:00Z');
		const made = [];
		for (const daysAgo of [1, 3, 10]) {
			const row = await enquiry();
			await db.update(partnerEnquiries).set({ stageSince: new Date(base.getTime() - daysAgo * DAY) }).where(eq(partnerEnquiries.id, row.id));
			made.push(row);
		}
		const board = await pipelineBoard(consultant, base);
		expect(stage(board, 'enquiry')).toMatchObject({ count: 3, medianMs: 3 * DAY, oldestMs: 10 * DAY });
		expect(stage(board, 'enquiry').items.map((i) => i.id)).toEqual([made[2].id, made[1].id, made[0].id]);
		expect(stage(board, 'consultation')).toMatchObject({ count: 0, medianMs: null, oldestMs: null });

		// Contacted is the same stage: its wait goes on. Closed leaves the pipeline.
		await setEnquiryStatus(consultant, made[2].id, 'contacted', made[2].version, base);
		await setEnquiryStatus(consultant, made[0].id, 'closed', made[0].version, base);
		const after = await pipelineBoard(consultant, base);
		expect(stage(after, 'enquiry')).toMatchObject({ count: 2, medianMs: Math.round((3 * DAY + 10 * DAY) / 2), oldestMs: 10 * DAY });
	});

	it('refuses bad input and other people, changing nothing', async () => {
		const consultant = await makeUser('consultant');
		const partner = await makeUser('partner');
		const row = await enquiry();
		await expect(pipelineBoard(partner)).rejects.toThrow(NotFoundError);
		await expect(offerConsultation(partner, row.id, row.version)).rejects.toThrow(NotFoundError);
		await expect(assignOwner(partner, { kind: 'enquiry', id: row.id, ownerId: partner.id, version: row.version })).rejects.toThrow(NotFoundError);
		// Only active staff may own: a partner, a disabled consultant or a made-up id is refused beside the field.
		const gone = await makeUser('consultant');
		await db.update(users).set({ disabledAt: new Date() }).where(eq(users.id, gone.id));
		for (const ownerId of [partner.id, gone.id, 'no-such-user']) {
			const error = await assignOwner(consultant, { kind: 'enquiry', id: row.id, ownerId, version: row.version }).catch((e) => e);
			expect(error).toBeInstanceOf(InputError);
			expect(error.errors.ownerId).toContain('Choose a consultant');
		}
		await expect(assignOwner(consultant, { kind: 'area', id: 'no-such-area', ownerId: consultant.id, version: 1 })).rejects.toThrow(NotFoundError);
		await expect(offerConsultation(consultant, 'no-such-enquiry', 1)).rejects.toThrow(NotFoundError);
		// A stale version is a conflict, not an overwrite.
		await expect(offerConsultation(consultant, row.id, row.version + 5)).rejects.toThrow(ConflictError);
		// A closed enquiry is reopened before it is offered anything.
		const closed = await setEnquiryStatus(consultant, row.id, 'closed', row.version);
		const refusal = await offerConsultation(consultant, row.id, closed.version).catch((e) => e);
		expect(refusal).toBeInstanceOf(InputError);
		expect(refusal.errors._form).toContain('closed');
		const [unchanged] = await db.select().from(partnerEnquiries).where(eq(partnerEnquiries.id, row.id));
		expect(unchanged).toMatchObject({ status: 'closed', ownerId: null, offerTokenHash: null, version: closed.version });
		expect(await db.select().from(outbox).where(and(eq(outbox.to, row.email), eq(outbox.kind, 'consultation-offer')))).toHaveLength(0);
	});

	it('an expired or unknown offer link fills nothing in and ties nothing', async () => {
		const consultant = await makeConsultant();
		await db.update(availability).set({ acceptingBookings: sql`${availability.userId} = ${consultant.id}` });
		const row = await enquiry();
		await offerConsultation(consultant, row.id, row.version, new Date('2027-01-01T09:00:00Z'));
		const [mail] = await db.select().from(outbox).where(and(eq(outbox.to, row.email), eq(outbox.kind, 'consultation-offer')));
		const token = tokenIn(mail.text);
		// 30 days from 1 January: gone by 24 March.
		expect(await findOffer(token, NOW)).toBeNull();
		expect(await findOffer('not-a-token', NOW)).toBeNull();
		const { booking } = await bookConsultation(intake(new Date('2027-03-26T10:00:00Z'), { offer: token }), nextAddress(), NOW);
		expect(booking.enquiryId).toBeNull();
		const [now] = await db.select().from(partnerEnquiries).where(eq(partnerEnquiries.id, row.id));
		expect(now.status).toBe('offered');
	});
});

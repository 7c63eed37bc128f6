// A consultant's tools on bookings (outcomes after the start, moving, cancelling with a reason), the team view, the
// private calendar feed, and what every email to a lead carries (Reply-To, the manage link).
import { describe, expect, it } from 'vitest';
import { and, eq, sql } from 'drizzle-orm';
import ICAL from 'ical.js';
import { db } from '$lib/server/db';
import { availability, bookings, outbox } from '$lib/server/db/schema';
import {
	bookConsultation,
	cancelAsConsultant,
	createFeed,
	feedByToken,
	findByToken,
	leadCalendar,
	listTeamBookings,
	moveBooking,
	revokeFeed,
	sendReminders,
	updateBooking
} from '$lib/server/bookings';
import { InputError, NotFoundError } from '$lib/server/errors';
import { useTestDatabase } from '../helpers/database';
import { makeUser } from '../helpers/factories';
import { NOW, intake, makeConsultant } from '../helpers/bookings';

useTestDatabase();

let address = 0;
const nextAddress = () => `192.0.2.${100 + (++address % 100)}`;
const at = (iso: string) => new Date(iso);
const unfold = (ics: string) => ics.replace(/\r?\n[ \t]/g, '');
const only = (id: string) => db.update(availability).set({ acceptingBookings: sql`${availability.userId} = ${id}` });
const mailTo = (to: string, kind: string) => db.select().from(outbox).where(and(eq(outbox.to, to), eq(outbox.kind, kind)));

describe('every email to a lead', () => {
	it('has Reply-To the organisation and the consultant, and the manage link: confirmation, reminder, move, cancellation', async () => {
		const consultant = await makeConsultant();
		await only(consultant.id);
		const { booking, token } = await bookConsultation(intake(at('2027-04-19T08:00:00Z'), { email: 'replies@example.test' }), nextAddress(), NOW);
		const manage = `/consultation/manage/${token}`;
		await sendReminders(at('2027-04-18T09:00:00Z'));
		await moveBooking(consultant, booking.id, { slot: '2027-04-20T08:00:00.000Z', note: 'I am at a conference on Monday.', version: 1 }, NOW);
		const moved = (await db.select().from(bookings).where(eq(bookings.id, booking.id)))[0];
		await sendReminders(at('2027-04-19T09:00:00Z'));
		await cancelAsConsultant(consultant, booking.id, { reason: '', shareReason: false, version: moved.version }, NOW);
		for (const kind of ['booking-booked', 'booking-reminder', 'booking-moved', 'booking-cancelled']) {
			const [mail] = await mailTo('replies@example.test', kind);
			expect(mail, kind).toBeDefined();
			expect(mail.headers['Reply-To'], kind).toBe(`hello@homeward.test, ${consultant.email}`);
			expect(mail.text, kind).toContain(manage);
		}
		// The token is kept sealed, never in the clear; the audit trail has neither.
		const [row] = await db.select().from(bookings).where(eq(bookings.id, booking.id));
		expect(row.tokenSealed).not.toContain(token);
		expect(JSON.stringify(row)).not.toContain(token);
	});
});

describe('outcomes', () => {
	it('refuses “Completed” and “No-show” before the start, with a message, and takes them after', async () => {
		const consultant = await makeConsultant();
		await only(consultant.id);
		const { booking, token } = await bookConsultation(intake(at('2027-04-21T08:00:00Z')), nextAddress(), NOW);
		for (const status of ['completed', 'no_show'] as const) {
			const refused = await updateBooking(consultant, booking.id, { status, notes: '', version: 1 }, at('2027-04-21T07:59:00Z')).catch((e) => e);
			expect(refused).toBeInstanceOf(InputError);
			expect(refused.errors.status).toContain('once the consultation has started');
		}
		const [unchanged] = await db.select().from(bookings).where(eq(bookings.id, booking.id));
		expect(unchanged).toMatchObject({ status: 'confirmed', version: 1 });
		// So the lead's link still lets them move or cancel.
		expect((await findByToken(token, NOW))!.canChange).toBe(true);
		const done = await updateBooking(consultant, booking.id, { status: 'no_show', notes: 'Did not join.', version: 1 }, at('2027-04-21T08:10:00Z'));
		expect(done.status).toBe('no_show');
	});

	it('sends cancelling to its own form, which keeps the reason and tells the lead only when asked', async () => {
		const consultant = await makeConsultant();
		await only(consultant.id);
		const told = await bookConsultation(intake(at('2027-04-22T08:00:00Z'), { email: 'told@example.test' }), nextAddress(), NOW);
		const kept = await bookConsultation(intake(at('2027-04-22T09:00:00Z'), { email: 'kept@example.test' }), nextAddress(), NOW);
		await expect(updateBooking(consultant, told.booking.id, { status: 'cancelled', notes: '', version: 1 }, NOW)).rejects.toThrow(InputError);
		await expect(cancelAsConsultant(consultant, told.booking.id, { reason: '', shareReason: true, version: 1 }, NOW)).rejects.toThrow(InputError);

		await cancelAsConsultant(consultant, told.booking.id, { reason: 'I am unwell; please book again next week.', shareReason: true, version: 1 }, NOW);
		await cancelAsConsultant(consultant, kept.booking.id, { reason: 'Internal: double-booked a workshop.', shareReason: false, version: 1 }, NOW);
		const [toldMail] = await mailTo('told@example.test', 'booking-cancelled');
		expect(toldMail.text).toContain('The reason: I am unwell; please book again next week.');
		expect(unfold(toldMail.attachments[0].content)).toContain('METHOD:CANCEL');
		const [keptMail] = await mailTo('kept@example.test', 'booking-cancelled');
		expect(keptMail.text).not.toContain('double-booked');
		const [keptRow] = await db.select().from(bookings).where(eq(bookings.id, kept.booking.id));
		expect(keptRow).toMatchObject({ status: 'cancelled', cancelReason: 'Internal: double-booked a workshop.', cancelReasonShared: false });
	});
});

describe('moving a booking', () => {
	it('moves to a free slot only: same UID, higher SEQUENCE, the note to the lead; never onto a taken or closed time', async () => {
		const consultant = await makeConsultant();
		const other = await makeConsultant();
		await only(consultant.id);
		const { booking } = await bookConsultation(intake(at('2027-04-26T08:00:00Z'), { email: 'mover@example.test' }), nextAddress(), NOW);
		const taken = await bookConsultation(intake(at('2027-04-26T09:00:00Z')), nextAddress(), NOW);
		await expect(moveBooking(other, booking.id, { slot: '2027-04-27T08:00:00.000Z', note: 'x', version: 1 }, NOW)).rejects.toThrow(NotFoundError);
		await expect(moveBooking(consultant, booking.id, { slot: taken.booking.startsAt.toISOString(), note: 'x', version: 1 }, NOW)).rejects.toThrow(
			'That time has just been taken'
		);
		await expect(moveBooking(consultant, booking.id, { slot: '2027-04-27T20:00:00.000Z', note: 'x', version: 1 }, NOW)).rejects.toThrow(/hours/);

		const moved = await moveBooking(consultant, booking.id, { slot: '2027-04-27T08:00:00.000Z', note: 'A training day moved.', version: 1 }, NOW);
		expect(moved).toMatchObject({ sequence: 1, version: 2 });
		const [first] = await mailTo('mover@example.test', 'booking-booked');
		const [mail] = await mailTo('mover@example.test', 'booking-moved');
		expect(mail.text).toContain('Why: A training day moved.');
		expect(mail.text).toContain('27 April 2027, 09:00 to 09:45 (BST, UK time)');
		const uid = unfold(first.attachments[0].content).match(/UID:(\S+)/)![1];
		const ics = unfold(mail.attachments[0].content);
		expect(ics).toContain(`UID:${uid}`);
		expect(ics).toContain('SEQUENCE:1');
		expect(ics).toContain('METHOD:REQUEST');
	});
});

describe('the team view', () => {
	it('lists every consultant’s bookings for any staff, filtered by consultant, status and London dates', async () => {
		const a = await makeConsultant();
		const b = await makeConsultant();
		await only(a.id);
		const early = await bookConsultation(intake(at('2027-03-29T08:00:00Z')), nextAddress(), NOW); // Mon 29 Mar, 09:00 BST
		await only(b.id);
		const late = await bookConsultation(intake(at('2027-03-30T08:00:00Z')), nextAddress(), NOW);
		const ids = async (filter: Parameters<typeof listTeamBookings>[1]) =>
			(await listTeamBookings(a, filter)).filter((r) => [early.booking.id, late.booking.id].includes(r.id)).map((r) => r.id);
		expect(await ids({})).toEqual([early.booking.id, late.booking.id]);
		expect(await ids({ consultantId: b.id })).toEqual([late.booking.id]);
		expect(await ids({ from: '2027-03-29', to: '2027-03-29' })).toEqual([early.booking.id]);
		expect(await ids({ from: '2027-03-30' })).toEqual([late.booking.id]);
		expect(await ids({ status: 'cancelled' })).toEqual([]);
		// A consultant sees the team's booking but opens only their own.
		const rows = await listTeamBookings(a, {});
		expect(rows.find((r) => r.id === late.booking.id)!.canOpen).toBe(false);
		expect(rows.find((r) => r.id === early.booking.id)!.canOpen).toBe(true);
		await expect(listTeamBookings(await makeUser('partner'), {})).rejects.toThrow();
	});
});

describe('the private calendar feed', () => {
	it('is valid iCalendar with the consultant’s bookings under their invite UIDs; a revoked or replaced token opens nothing', async () => {
		const consultant = await makeConsultant({ joiningKind: 'video', joiningDetail: 'https://meet.example.test/feed' });
		await only(consultant.id);
		const one = await bookConsultation(intake(at('2027-05-03T08:00:00Z'), { name: 'Fern Feed' }), nextAddress(), NOW);
		const gone = await bookConsultation(intake(at('2027-05-03T09:00:00Z')), nextAddress(), NOW);
		await cancelAsConsultant(consultant, gone.booking.id, { reason: '', shareReason: false, version: 1 }, NOW);

		const url = await createFeed(consultant);
		const token = url.match(/\/calendar\/([a-z0-9]+)\.ics$/)![1];
		const ics = await feedByToken(token, NOW);
		expect(ics).not.toBeNull();
		// Parsed by an independent iCalendar parser (ical.js), which throws on malformed input.
		const calendar = new ICAL.Component(ICAL.parse(ics!));
		expect(calendar.name).toBe('vcalendar');
		expect(calendar.getFirstPropertyValue('method')).toBe('PUBLISH');
		const events = calendar.getAllSubcomponents('vevent').map((v) => new ICAL.Event(v));
		expect(events).toHaveLength(1);
		expect(events[0].uid).toMatch(new RegExp(`^booking-${one.booking.id}@`));
		expect(events[0].summary).toContain('Fern Feed');
		expect(events[0].location).toBe('https://meet.example.test/feed');
		expect(events[0].startDate.toJSDate().toISOString()).toBe('2027-05-03T08:00:00.000Z');
		expect(events[0].endDate.toJSDate().toISOString()).toBe('2027-05-03T08:45:00.000Z');

		const replacement = await createFeed(consultant);
		expect(await feedByToken(token, NOW)).toBeNull();
		const second = replacement.match(/\/calendar\/([a-z0-9]+)\.ics$/)![1];
		expect(await feedByToken(second, NOW)).not.toBeNull();
		await revokeFeed(consultant);
		expect(await feedByToken(second, NOW)).toBeNull();
	});
});

describe('add to calendar', () => {
	it('offers the invite itself and Google and Outlook links in UTC', async () => {
		const consultant = await makeConsultant();
		await only(consultant.id);
		const { token } = await bookConsultation(intake(at('2027-05-04T08:00:00Z')), nextAddress(), NOW);
		const found = (await findByToken(token, NOW))!;
		const cal = leadCalendar(found.booking, { name: found.consultantName, email: found.consultantEmail }, found.joining, token);
		expect(unfold(cal.ics)).toContain(`UID:booking-${found.booking.id}@`);
		expect(new URL(cal.google).searchParams.get('dates')).toBe('20270504T080000Z/20270504T084500Z');
		expect(new URL(cal.outlook).searchParams.get('startdt')).toBe('2027-05-04T08:00:00Z');
		expect(new URL(cal.google).searchParams.get('details')).toContain(`/consultation/manage/${token}`);
	});
});

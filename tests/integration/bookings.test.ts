import { describe, expect, it } from 'vitest';
import { and, eq, sql } from 'drizzle-orm';
import { db } from '$lib/server/db';
import { auditLog, availability, bookings, invitations, memberships, outbox, areas } from '$lib/server/db/schema';
import {
	bookConsultation,
	cancelByToken,
	findByToken,
	getBooking,
	listBookings,
	listOpenSlots,
	rescheduleByToken,
	sendReminders,
	setBookingJoining,
	SlotTakenError,
	startEngagement,
	updateBooking
} from '$lib/server/bookings';
import { ConflictError, InputError, NotFoundError } from '$lib/server/errors';
import { RateLimitedError } from '$lib/server/auth/rate-limit';
import { viewOutboxMessage } from '$lib/server/mail';
import { runRetention } from '$lib/server/retention';
import { useTestDatabase } from '../helpers/database';
import { makeUser } from '../helpers/factories';
import { NOW, THURSDAY_10, intake, makeConsultant } from '../helpers/bookings';

useTestDatabase();

let address = 0;
const nextAddress = () => `192.0.2.${++address % 250}`;
const at = (iso: string) => new Date(iso);

// Each describe block works on its own consultants; bookings from earlier blocks stay, so every test makes the
// consultants it needs and disables the others' availability first.
async function only(...consultantIds: string[]) {
	await db.update(availability).set({ acceptingBookings: sql`${availability.userId} in ${consultantIds}` });
}

describe('booking a consultation', () => {
	it('offers London slots after a working day of notice, and books one with mail and an audit row', async () => {
		const consultant = await makeConsultant();
		await only(consultant.id);
		const slots = await listOpenSlots(NOW);
		expect(slots[0].start.toISOString()).toBe(THURSDAY_10.toISOString());
		expect(slots[0].end.toISOString()).toBe('2027-03-25T10:45:00.000Z');

		const { booking, token } = await bookConsultation(intake(THURSDAY_10, { email: 'first@example.test' }), nextAddress(), NOW);
		expect(booking.consultantId).toBe(consultant.id);
		expect(booking.blocksUntil.toISOString()).toBe('2027-03-25T11:00:00.000Z');
		expect(booking.tokenHash).not.toContain(token);

		const mails = await db.select().from(outbox).where(sql`${outbox.kind} like 'booking-booked%'`);
		const lead = mails.find((m) => m.to === 'first@example.test')!;
		expect(lead.text).toContain('25 March 2027, 10:00 to 10:45 (GMT, UK time)');
		expect(lead.text).toContain(`/consultation/manage/${token}`);
		expect(lead.attachments[0].content).toContain('METHOD:REQUEST');
		expect(mails.find((m) => m.to === consultant.email)!.attachments[0].content).toContain(`UID:booking-${booking.id}@`);

		const [entry] = await db.select().from(auditLog).where(and(eq(auditLog.entity, 'booking'), eq(auditLog.entityId, booking.id)));
		expect(entry.action).toBe('create');
		expect(entry.after).not.toHaveProperty('tokenHash');
		// The slot is gone for everyone else.
		expect((await listOpenSlots(NOW))[0].start.toISOString()).toBe('2027-03-25T11:00:00.000Z');
	});

	it('gives 50 simultaneous attempts at one slot exactly one booking and 49 clean refusals', async () => {
		const consultant = await makeConsultant();
		await only(consultant.id);
		const slot = at('2027-03-26T13:30:00Z');
		const results = await Promise.allSettled(
			Array.from({ length: 50 }, (_, i) => bookConsultation(intake(slot, { email: `race${i}@example.test` }), `198.51.100.${i}`, NOW))
		);
		const won = results.filter((r) => r.status === 'fulfilled');
		const refused = results.filter((r) => r.status === 'rejected' && r.reason instanceof SlotTakenError);
		// Anything else (a database error, say) is named, so that a failure says what went wrong.
		const other = results.flatMap((r) => (r.status === 'rejected' && !(r.reason instanceof SlotTakenError) ? [String(r.reason?.cause ?? r.reason)] : []));
		expect(other).toEqual([]);
		expect(won).toHaveLength(1);
		expect(refused).toHaveLength(49);
		const rows = await db.select().from(bookings).where(and(eq(bookings.consultantId, consultant.id), eq(bookings.startsAt, slot)));
		expect(rows).toHaveLength(1);
	});

	it('gives a shared slot to the least recently booked consultant, then to the other, then refuses', async () => {
		const busy = await makeConsultant();
		const fresh = await makeConsultant();
		await only(busy.id, fresh.id);
		await bookConsultation(intake(at('2027-03-29T08:00:00Z')), nextAddress(), NOW); // someone books first
		const [first] = await db.select().from(bookings).where(eq(bookings.startsAt, at('2027-03-29T08:00:00Z')));
		const other = first.consultantId === busy.id ? fresh : busy;
		const slot = at('2027-03-30T08:00:00Z');
		const a = await bookConsultation(intake(slot), nextAddress(), NOW);
		expect(a.booking.consultantId).toBe(other.id);
		const b = await bookConsultation(intake(slot), nextAddress(), NOW);
		expect(b.booking.consultantId).toBe(first.consultantId);
		await expect(bookConsultation(intake(slot), nextAddress(), NOW)).rejects.toThrow(SlotTakenError);
	});

	it('refuses a time that is not an open slot', async () => {
		const consultant = await makeConsultant();
		await only(consultant.id);
		await expect(bookConsultation(intake(at('2027-03-25T10:10:00Z')), nextAddress(), NOW)).rejects.toThrow(SlotTakenError);
		await expect(bookConsultation(intake(at('2027-03-24T14:30:00Z')), nextAddress(), NOW)).rejects.toThrow(SlotTakenError); // inside the notice
		// Each refusal says why, not "just taken" for a time nobody could have had.
		await expect(bookConsultation(intake(at('2027-03-25T10:10:00Z')), nextAddress(), NOW)).rejects.toMatchObject({
			reason: 'outside_hours',
			message: expect.stringContaining('outside the consultant’s hours')
		});
		await expect(bookConsultation(intake(at('2027-03-24T14:30:00Z')), nextAddress(), NOW)).rejects.toMatchObject({
			reason: 'too_soon',
			message: expect.stringContaining('too soon')
		});
		await expect(bookConsultation(intake(at('2027-07-01T09:00:00Z')), nextAddress(), NOW)).rejects.toMatchObject({ reason: 'too_far' });
		await bookConsultation(intake(at('2027-03-25T11:00:00Z')), nextAddress(), NOW);
		await expect(bookConsultation(intake(at('2027-03-25T11:00:00Z')), nextAddress(), NOW)).rejects.toMatchObject({
			reason: 'taken',
			message: expect.stringContaining('just been taken')
		});
	});

	it('closes a consultant’s day at the daily cap', async () => {
		const consultant = await makeConsultant({ dailyCap: 1 });
		await only(consultant.id);
		await bookConsultation(intake(at('2027-04-01T08:00:00Z')), nextAddress(), NOW);
		await expect(bookConsultation(intake(at('2027-04-01T12:30:00Z')), nextAddress(), NOW)).rejects.toThrow(SlotTakenError);
	});

	it('limits bookings per address', async () => {
		const consultant = await makeConsultant({ dailyCap: 10 });
		await only(consultant.id);
		const starts = ['2027-04-05T08:00:00Z', '2027-04-05T09:00:00Z', '2027-04-05T10:00:00Z', '2027-04-05T12:30:00Z', '2027-04-05T13:30:00Z'];
		for (const s of starts) await bookConsultation(intake(at(s)), '203.0.113.99', NOW);
		const err = await bookConsultation(intake(at('2027-04-05T14:30:00Z')), '203.0.113.99', NOW).catch((e) => e);
		expect(err).toBeInstanceOf(RateLimitedError);
		expect(await db.select().from(bookings).where(eq(bookings.startsAt, at('2027-04-05T14:30:00Z')))).toHaveLength(0);
	});

	it('is guarded by the database itself: an overlapping row is refused by the exclusion constraint', async () => {
		const consultant = await makeConsultant();
		await only(consultant.id);
		const { booking } = await bookConsultation(intake(at('2027-04-06T08:00:00Z')), nextAddress(), NOW);
		const copy = { ...booking, id: 'overlap1', tokenHash: 'x1', startsAt: at('2027-04-06T08:30:00Z'), endsAt: at('2027-04-06T09:15:00Z'), blocksUntil: at('2027-04-06T09:30:00Z') };
		const err = (await db.insert(bookings).values(copy).catch((e: unknown) => e)) as { code?: string; cause?: { code?: string } };
		expect(JSON.stringify(err.cause?.code ?? err.code)).toContain('23P01');
		// A cancelled booking no longer holds its time.
		await db.insert(bookings).values({ ...copy, status: 'cancelled' });
	});
});

describe('the lead’s manage link', () => {
	it('reschedules to a free time with the same invite UID and a higher SEQUENCE, never onto a taken time', async () => {
		const consultant = await makeConsultant();
		await only(consultant.id);
		const mine = await bookConsultation(intake(at('2027-04-07T08:00:00Z'), { email: 'mover@example.test' }), nextAddress(), NOW);
		const theirs = await bookConsultation(intake(at('2027-04-07T09:00:00Z')), nextAddress(), NOW);
		await expect(rescheduleByToken(mine.token, theirs.booking.startsAt.toISOString(), NOW)).rejects.toThrow(SlotTakenError);
		const moved = await rescheduleByToken(mine.token, '2027-04-07T12:30:00Z', NOW);
		expect(moved.startsAt.toISOString()).toBe('2027-04-07T12:30:00.000Z');
		expect(moved.sequence).toBe(1);
		const [mail] = await db.select().from(outbox).where(and(eq(outbox.to, 'mover@example.test'), eq(outbox.kind, 'booking-rescheduled')));
		expect(mail.attachments[0].content).toContain(`UID:booking-${mine.booking.id}@`);
		expect(mail.attachments[0].content).toContain('SEQUENCE:1');
		// The old time is free again.
		expect((await listOpenSlots(NOW)).some((s) => s.start.toISOString() === '2027-04-07T08:00:00.000Z')).toBe(true);
	});

	it('cancels only its own booking, with METHOD:CANCEL, and then cannot act again', async () => {
		const consultant = await makeConsultant();
		await only(consultant.id);
		const a = await bookConsultation(intake(at('2027-04-08T08:00:00Z'), { email: 'a@example.test' }), nextAddress(), NOW);
		const b = await bookConsultation(intake(at('2027-04-08T09:00:00Z')), nextAddress(), NOW);
		const cancelled = await cancelByToken(a.token, NOW);
		expect(cancelled.id).toBe(a.booking.id);
		const [other] = await db.select().from(bookings).where(eq(bookings.id, b.booking.id));
		expect(other.status).toBe('confirmed');
		const [mail] = await db.select().from(outbox).where(and(eq(outbox.to, 'a@example.test'), eq(outbox.kind, 'booking-cancelled')));
		expect(mail.attachments[0].content).toContain('METHOD:CANCEL');
		await expect(cancelByToken(a.token, NOW)).rejects.toThrow(InputError);
	});

	it('expires when the meeting ends and refuses changes within four hours of the start', async () => {
		const consultant = await makeConsultant();
		await only(consultant.id);
		const { token } = await bookConsultation(intake(at('2027-04-09T08:00:00Z')), nextAddress(), NOW);
		expect(await findByToken(token, at('2027-04-09T08:44:00Z'))).not.toBeNull();
		expect(await findByToken(token, at('2027-04-09T08:45:00Z'))).toBeNull();
		expect(await findByToken('not-a-token', NOW)).toBeNull();
		await expect(cancelByToken(token, at('2027-04-09T04:30:00Z'))).rejects.toThrow('too close to the start');
		await expect(rescheduleByToken(token, '2027-04-09T12:30:00Z', at('2027-04-09T09:00:00Z'))).rejects.toThrow('expired');
	});
});

describe('the consultants’ pipeline', () => {
	it('shows consultants their own bookings, admins all, partners none', async () => {
		const mine = await makeConsultant();
		const theirs = await makeConsultant();
		await only(mine.id);
		const a = await bookConsultation(intake(at('2027-04-12T08:00:00Z')), nextAddress(), NOW);
		await only(theirs.id);
		const b = await bookConsultation(intake(at('2027-04-12T08:00:00Z')), nextAddress(), NOW);
		const admin = await makeUser('admin');
		const partner = await makeUser('partner');
		const ids = async (u: Parameters<typeof listBookings>[0]) => (await listBookings(u, {}, NOW)).map((r) => r.id);
		expect(await ids(mine)).toEqual([a.booking.id]);
		expect(await ids(admin)).toEqual(expect.arrayContaining([a.booking.id, b.booking.id]));
		expect(await ids(partner)).toEqual([]);
		await expect(getBooking(mine, b.booking.id)).rejects.toThrow(NotFoundError);
		await expect(updateBooking(mine, b.booking.id, { status: 'completed', notes: 'forged', version: 1 })).rejects.toThrow(NotFoundError);
		expect((await db.select().from(bookings).where(eq(bookings.id, b.booking.id)))[0].notes).toBe('');
	});

	it('records outcomes and notes with a version check and an audit row', async () => {
		const consultant = await makeConsultant();
		await only(consultant.id);
		const { booking } = await bookConsultation(intake(at('2027-04-13T08:00:00Z')), nextAddress(), NOW);
		const afterStart = at('2027-04-13T08:50:00Z');
		const updated = await updateBooking(consultant, booking.id, { status: 'completed', notes: 'Good call; wants a workshop.', version: 1 }, afterStart);
		expect(updated.version).toBe(2);
		await expect(updateBooking(consultant, booking.id, { status: 'no_show', notes: '', version: 1 }, afterStart)).rejects.toThrow(ConflictError);
		const trail = await db.select().from(auditLog).where(and(eq(auditLog.entityId, booking.id), eq(auditLog.action, 'update')));
		expect(trail).toHaveLength(1);
		expect(await listBookings(consultant, { status: 'completed' }, NOW)).toHaveLength(1);
		expect(await listBookings(consultant, { status: 'no_show' }, NOW)).toHaveLength(0);
	});

	it('starts an engagement: a prospect area led by the consultant, the lead invited as a partner', async () => {
		const consultant = await makeConsultant();
		await only(consultant.id);
		const { booking } = await bookConsultation(intake(at('2027-04-14T08:00:00Z'), { localArea: 'Kestrel Vale', email: 'kv@example.test' }), nextAddress(), NOW);
		const area = await startEngagement(consultant, booking.id, 1);
		expect(area).toMatchObject({ slug: 'kestrel-vale', name: 'Kestrel Vale', status: 'prospect', policeForce: 'Testshire Police' });
		const [lead] = await db.select().from(memberships).where(eq(memberships.areaId, area.id));
		expect(lead).toMatchObject({ userId: consultant.id, role: 'lead' });
		const [invite] = await db.select().from(invitations).where(eq(invitations.areaId, area.id));
		expect(invite).toMatchObject({ email: 'kv@example.test', role: 'partner', areaRole: 'editor' });
		await expect(startEngagement(consultant, booking.id, 2)).rejects.toThrow(InputError);
		expect(await db.select().from(areas).where(eq(areas.name, 'Kestrel Vale'))).toHaveLength(1);
	});
});

describe('scheduled jobs', () => {
	it('sends one reminder a day ahead, and anonymises leads after the retention period', async () => {
		const consultant = await makeConsultant();
		await only(consultant.id);
		const { booking } = await bookConsultation(intake(at('2027-04-15T08:00:00Z'), { email: 'remind@example.test' }), nextAddress(), NOW);
		const reminders = () => db.select().from(outbox).where(and(eq(outbox.to, 'remind@example.test'), eq(outbox.kind, 'booking-reminder')));
		await sendReminders(at('2027-04-14T07:00:00Z'));
		expect(await reminders()).toHaveLength(0);
		expect(await sendReminders(at('2027-04-14T09:00:00Z'))).toBeGreaterThanOrEqual(1);
		expect(await sendReminders(at('2027-04-14T09:05:00Z'))).toBe(0);
		expect(await reminders()).toHaveLength(1);
		expect((await reminders())[0].text).toContain('15 April 2027, 09:00 to 09:45 (BST, UK time)');

		await runRetention(at('2029-04-15T08:00:00Z')); // the meeting itself was the last contact
		expect((await db.select().from(bookings).where(eq(bookings.id, booking.id)))[0].anonymisedAt).toBeNull();
		await runRetention(at('2029-04-15T09:00:00Z'));
		const [row] = await db.select().from(bookings).where(eq(bookings.id, booking.id));
		expect(row).toMatchObject({ leadName: 'Anonymised', phone: '', situation: '', email: `anonymised-${booking.id}@invalid` });
		expect(row.anonymisedAt).not.toBeNull();
	});
});

describe('booked close to the start', () => {
	it('sends no reminder for a booking made inside the reminder window, and promises no change already past', async () => {
		const consultant = await makeConsultant({ noticeWorkingDays: 0 });
		await only(consultant.id);
		const mailTo = (to: string, kind: string) => db.select().from(outbox).where(and(eq(outbox.to, to), eq(outbox.kind, kind)));
		await bookConsultation(intake(at('2027-03-24T11:00:00Z'), { email: 'soon@example.test' }), nextAddress(), NOW); // in an hour
		await bookConsultation(intake(at('2027-03-24T14:30:00Z'), { email: 'later@example.test' }), nextAddress(), NOW); // in 4.5 hours
		await bookConsultation(intake(at('2027-03-25T09:00:00Z'), { email: 'tomorrow@example.test' }), nextAddress(), NOW); // in 23 hours

		const [soon] = await mailTo('soon@example.test', 'booking-booked');
		expect(soon.text).not.toContain('until 4 hours before');
		expect(soon.text).toContain('too late to move or cancel this booking online');
		const [later] = await mailTo('later@example.test', 'booking-booked');
		expect(later.text).toContain('To see, move or cancel this booking (until 4 hours before it starts), open:');

		await sendReminders(at('2027-03-24T10:05:00Z'));
		await sendReminders(at('2027-03-24T12:00:00Z'));
		for (const to of ['soon@example.test', 'later@example.test', 'tomorrow@example.test']) {
			expect(await mailTo(to, 'booking-reminder')).toHaveLength(0);
		}
	});

	it('reminds a booking moved out of the window before its new time', async () => {
		const consultant = await makeConsultant({ noticeWorkingDays: 0 });
		await only(consultant.id);
		const { token } = await bookConsultation(intake(at('2027-03-25T13:30:00Z'), { email: 'moved@example.test' }), nextAddress(), NOW);
		await rescheduleByToken(token, '2027-03-29T08:00:00.000Z', at('2027-03-24T10:10:00Z')); // Monday 09:00 BST
		const reminders = () => db.select().from(outbox).where(and(eq(outbox.to, 'moved@example.test'), eq(outbox.kind, 'booking-reminder')));
		await sendReminders(at('2027-03-24T10:15:00Z'));
		expect(await reminders()).toHaveLength(0);
		await sendReminders(at('2027-03-28T08:30:00Z'));
		const [reminder, ...more] = await reminders();
		expect(more).toHaveLength(0);
		expect(reminder.text).toContain('29 March 2027, 09:00 to 09:45 (BST, UK time)');
		expect(reminder.text).toContain('(until 4 hours before it starts)');
	});
});

describe('joining details', () => {
	const unfold = (ics: string) => ics.replace(/\r?\n[ \t]/g, '');

	it('sends the consultant’s default in the emails, the invite (LOCATION, URL, DESCRIPTION with the manage link) and the manage page', async () => {
		const consultant = await makeConsultant({ joiningKind: 'video', joiningDetail: 'https://meet.example.test/kestrel-room' });
		await only(consultant.id);
		const { booking, token } = await bookConsultation(intake(at('2027-04-20T08:00:00Z'), { email: 'joiner@example.test' }), nextAddress(), NOW);
		const [lead] = await db.select().from(outbox).where(and(eq(outbox.to, 'joiner@example.test'), eq(outbox.kind, 'booking-booked')));
		expect(lead.text).toContain('How to join: Video call: https://meet.example.test/kestrel-room');
		const ics = unfold(lead.attachments[0].content);
		expect(ics).toContain('LOCATION:https://meet.example.test/kestrel-room');
		expect(ics).toContain('URL:https://meet.example.test/kestrel-room');
		expect(ics).toContain(`/consultation/manage/${token}`);
		// The admin mailbox masks the manage link in the invite too, though the invite folds it across lines.
		expect(JSON.stringify(await viewOutboxMessage(lead.id))).not.toContain(token);
		const [mine] = await db.select().from(outbox).where(and(eq(outbox.to, consultant.email), eq(outbox.kind, 'booking-booked-consultant')));
		expect(mine.text).toContain('How to join: Video call: https://meet.example.test/kestrel-room');
		expect(unfold(mine.attachments[0].content)).not.toContain(token);
		expect((await findByToken(token, NOW))!.joining).toEqual({ kind: 'video', detail: 'https://meet.example.test/kestrel-room' });

		// This booking's own details replace the default, with an updated invite: same UID, SEQUENCE + 1.
		await setBookingJoining(consultant, booking.id, { joiningKind: 'phone', joiningDetail: '0161 496 0000', version: booking.version }, NOW);
		const [updated] = await db.select().from(outbox).where(and(eq(outbox.to, 'joiner@example.test'), eq(outbox.kind, 'booking-updated')));
		expect(updated.text).toContain('How to join: Phone call: 0161 496 0000');
		const next = unfold(updated.attachments[0].content);
		expect(next).toContain(`UID:booking-${booking.id}@`);
		expect(next).toContain('SEQUENCE:1');
		expect(next).toContain('LOCATION:0161 496 0000');
		expect((await findByToken(token, NOW))!.joining).toEqual({ kind: 'phone', detail: '0161 496 0000' });
		// Another consultant cannot touch it.
		const other = await makeUser('consultant');
		await expect(setBookingJoining(other, booking.id, { joiningKind: null, joiningDetail: null, version: booking.version + 1 }, NOW)).rejects.toThrow(NotFoundError);
	});

	it('says details will follow when neither the booking nor the consultant has any', async () => {
		const consultant = await makeConsultant();
		await only(consultant.id);
		const { token } = await bookConsultation(intake(at('2027-04-21T08:00:00Z'), { email: 'nodetails@example.test' }), nextAddress(), NOW);
		const [lead] = await db.select().from(outbox).where(eq(outbox.to, 'nodetails@example.test'));
		expect(lead.text).toContain('How to join: Joining details to follow');
		expect(unfold(lead.attachments[0].content)).not.toContain('LOCATION:');
		expect(unfold(lead.attachments[0].content)).toContain(`URL:`);
		expect((await findByToken(token, NOW))!.joining).toBeNull();
	});
});

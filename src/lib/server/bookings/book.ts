// Booking a free consultation from the public page.
import { db } from '$lib/server/db';
import { claimOffer } from '$lib/server/enquiries';
import { bookings } from '$lib/server/db/schema';
import { hashToken, newId, newToken } from '$lib/server/ids';
import { audit } from '$lib/server/audit';
import { takeFromWindow } from '$lib/server/auth/rate-limit';
import { BOOKING_PER_ADDRESS } from '$lib/domain/rate-limit';
import { needsReminder, type OrganisationType } from '$lib/domain/bookings';
import { openSlots, rangeFor } from '$lib/domain/slots';
import { refusalFor, SlotTakenError, isExclusionViolation, type ConsultantSchedule, loadSchedules, slotsFor, lockConsultant, dayIsFull } from './schedule';
import { mailBoth, sealToken } from './mail';

export interface IntakeInput {
	slot: string;
	name: string;
	role: string;
	organisation: string;
	organisationType: OrganisationType;
	localArea: string;
	email: string;
	phone: string;
	situation: string;
	/** The token of an enquiry's consultation offer, when the lead came by its link: the booking is tied to it. */
	offer?: string;
}


/**
 * Books the open slot starting at `input.slot` for a lead: rate limited per address, given to the least recently
 * booked consultant free then (the next one if the database refuses the first), with the mails in the same
 * transaction. Returns the booking and the manage token, which exists nowhere else.
 */
export async function bookConsultation(input: IntakeInput, address: string, now = new Date()) {
	await takeFromWindow('booking', address, BOOKING_PER_ADDRESS);
	const start = new Date(input.slot);
	const schedules = await loadSchedules(now);
	const open = openSlots(schedules.map((s) => ({ candidate: s.candidate, slots: slotsFor(s, now) }))).find(
		(s) => s.start.getTime() === start.getTime()
	);
	if (!open) throw refusalFor(start, schedules, now);
	for (const consultantId of open.consultantIds) {
		const schedule = schedules.find((s) => s.candidate.id === consultantId)!;
		try {
			return await insertBooking(schedule, start, input, now);
		} catch (err) {
			if (isExclusionViolation(err) || err instanceof DayFullError) continue;
			throw err;
		}
	}
	throw new SlotTakenError();
}

class DayFullError extends Error {}

async function insertBooking(schedule: ConsultantSchedule, start: Date, input: IntakeInput, now: Date) {
	const token = newToken();
	const range = rangeFor(start, schedule.rules);
	return db.transaction(async (tx) => {
		await lockConsultant(tx, schedule.candidate.id);
		if (await dayIsFull(tx, schedule.candidate.id, start, schedule.rules.dailyCap)) throw new DayFullError();
		// Made through an enquiry's offer link: the enquiry moves to "booked" and the booking names it.
		const enquiry = input.offer ? await claimOffer(tx, input.offer, now) : null;
		const [booking] = await tx
			.insert(bookings)
			.values({
				id: newId(),
				consultantId: schedule.candidate.id,
				enquiryId: enquiry?.id ?? null,
				startsAt: range.start,
				endsAt: range.end,
				blocksUntil: range.until,
				leadName: input.name,
				leadRole: input.role,
				organisation: input.organisation,
				organisationType: input.organisationType,
				localArea: input.localArea,
				email: input.email,
				phone: input.phone,
				situation: input.situation,
				consentAt: now,
				tokenHash: hashToken(token),
				tokenSealed: sealToken(token),
				tokenExpiresAt: range.end,
				lastContactAt: now,
				// Confirmed so close to the start that this email is its own reminder: marked as reminded.
				reminderSentAt: needsReminder(range.start, now) ? null : now
			})
			.returning();
		await audit(tx, { actorId: null, entity: 'booking', entityId: booking.id, action: 'create', after: booking });
		await mailBoth(tx, booking, schedule, 'booked', now);
		return { booking, token };
	});
}

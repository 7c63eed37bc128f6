// The 24-hour reminder (run by ./jobs every 5 minutes).
import { and, eq, gt, isNull, lte } from 'drizzle-orm';
import { db } from '$lib/server/db';
import { bookings, users } from '$lib/server/db/schema';
import { enqueueMail } from '$lib/server/mail';
import { config } from '$lib/server/config';
import { formatDate } from '$lib/domain/dates';
import { manageLines, whenText } from '$lib/domain/booking-text';
import { joiningText, REMINDER_HOURS } from '$lib/domain/bookings';
import { joiningOf, leadHeaders, manageUrlOf } from './mail';

/**
 * Sends the 24-hour reminder once per booking; SKIP LOCKED lets several instances run it together. A booking confirmed
 * (or moved) inside the window was marked reminded then (`needsReminder`), so it is not picked here.
 */
export async function sendReminders(now = new Date()) {
	return db.transaction(async (tx) => {
		const due = await tx
			.select({ booking: bookings, consultantEmail: users.email })
			.from(bookings)
			.innerJoin(users, eq(users.id, bookings.consultantId))
			.where(
				and(
					eq(bookings.status, 'confirmed'),
					isNull(bookings.reminderSentAt),
					gt(bookings.startsAt, now),
					lte(bookings.startsAt, new Date(now.getTime() + REMINDER_HOURS * 60 * 60_000))
				)
			)
			.for('update', { of: bookings, skipLocked: true });
		for (const { booking, consultantEmail } of due) {
			await tx.update(bookings).set({ reminderSentAt: now }).where(eq(bookings.id, booking.id));
			await enqueueMail(tx, {
				to: booking.email,
				kind: 'booking-reminder',
				headers: leadHeaders(consultantEmail),
				subject: `Reminder: your free consultation ${formatDate(booking.startsAt)}`,
				text: [
					`Dear ${booking.leadName},`,
					'',
					`A reminder that your free consultation with ${config.orgName} is on ${whenText(booking.startsAt, booking.endsAt)}.`,
					`How to join: ${joiningText(await joiningOf(tx, booking))}`,
					'',
					...manageLines({ startsAt: booking.startsAt, now, cutoffHours: config.bookingCutoffHours, manageUrl: manageUrlOf(booking) }),
					'',
					config.orgName
				].join('\n')
			});
		}
		return due.length;
	});
}

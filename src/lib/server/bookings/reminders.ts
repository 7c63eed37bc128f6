// The 24-hour reminder (run by ./jobs every 5 minutes).
import { and, eq, gt, isNull, lte } from 'drizzle-orm';
import { db } from '$lib/server/db';
import { bookings } from '$lib/server/db/schema';
import { enqueueMail } from '$lib/server/mail';
import { config } from '$lib/server/config';
import { formatDate } from '$lib/domain/dates';
import { whenText } from './mail';

/** Sends the 24-hour reminder once per booking; SKIP LOCKED lets several instances run it together. */
export async function sendReminders(now = new Date()) {
	return db.transaction(async (tx) => {
		const due = await tx
			.select()
			.from(bookings)
			.where(
				and(
					eq(bookings.status, 'confirmed'),
					isNull(bookings.reminderSentAt),
					gt(bookings.startsAt, now),
					lte(bookings.startsAt, new Date(now.getTime() + 24 * 60 * 60_000))
				)
			)
			.for('update', { skipLocked: true });
		for (const booking of due) {
			await tx.update(bookings).set({ reminderSentAt: now }).where(eq(bookings.id, booking.id));
			await enqueueMail(tx, {
				to: booking.email,
				kind: 'booking-reminder',
				subject: `Reminder: your free consultation ${formatDate(booking.startsAt)}`,
				text: [
					`Dear ${booking.leadName},`,
					'',
					`A reminder that your free consultation with ${config.orgName} is on ${whenText(booking.startsAt, booking.endsAt)}.`,
					'Use the link in your confirmation email if you need to move or cancel it.',
					'',
					config.orgName
				].join('\n')
			});
		}
		return due.length;
	});
}

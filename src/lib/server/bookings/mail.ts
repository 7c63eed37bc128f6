// What a booking tells the lead and the consultant: the emails and the calendar invite they carry.
import type { Executor } from '$lib/server/db';
import type { Booking } from '$lib/server/db/schema';
import { enqueueMail, link } from '$lib/server/mail';
import { config } from '$lib/server/config';
import { ORGANISATION_TYPE_LABELS } from '$lib/domain/bookings';
import { manageLines, whenText } from '$lib/domain/booking-text';
import { formatDate } from '$lib/domain/dates';
import { inviteAttachment } from './invite';

function domain() {
	return new URL(config.origin).hostname;
}

function invite(booking: Booking, consultant: { name: string; email: string }) {
	return inviteAttachment({
		bookingId: booking.id,
		sequence: booking.sequence,
		startsAt: booking.startsAt,
		endsAt: booking.endsAt,
		cancelled: booking.status === 'cancelled',
		title: `Free consultation with ${config.orgName}`,
		description: `A free consultation about repeat missing in ${booking.localArea}, with ${consultant.name}. We will send joining details before the call.`,
		organizer: { name: consultant.name, email: consultant.email },
		attendees: [{ name: booking.leadName, email: booking.email }],
		domain: domain()
	});
}

type MailReason = 'booked' | 'rescheduled' | 'cancelled';

export async function mailBoth(
	tx: Executor,
	booking: Booking,
	consultant: { name: string; email: string },
	reason: MailReason,
	now: Date,
	token?: string
) {
	const when = whenText(booking.startsAt, booking.endsAt);
	const manage = [
		'',
		...manageLines({
			startsAt: booking.startsAt,
			now,
			cutoffHours: config.bookingCutoffHours,
			manageUrl: token ? link(`/consultation/manage/${token}`) : undefined
		})
	];
	const leadText = {
		booked: [`Dear ${booking.leadName},`, '', `Your free consultation with ${config.orgName} is booked for ${when}.`, `${consultant.name} will speak with you.`],
		rescheduled: [`Dear ${booking.leadName},`, '', `Your free consultation has moved to ${when}.`],
		cancelled: [`Dear ${booking.leadName},`, '', `Your free consultation on ${when} has been cancelled.`]
	}[reason];
	const subjects = {
		booked: `Your free consultation on ${formatDate(booking.startsAt)}`,
		rescheduled: `Your free consultation has moved to ${formatDate(booking.startsAt)}`,
		cancelled: `Your free consultation on ${formatDate(booking.startsAt)} is cancelled`
	};
	const attachments = [invite(booking, consultant)];
	await enqueueMail(tx, {
		to: booking.email,
		kind: `booking-${reason}`,
		subject: subjects[reason],
		text: [...leadText, ...(reason === 'cancelled' ? [] : manage), '', `${config.orgName}`].join('\n'),
		attachments
	});
	await enqueueMail(tx, {
		to: consultant.email,
		kind: `booking-${reason}-consultant`,
		subject: `Consultation ${reason}: ${booking.organisation}, ${formatDate(booking.startsAt)}`,
		text: [
			`Consultation ${reason}: ${when}.`,
			'',
			`${booking.leadName}, ${booking.leadRole}, ${booking.organisation} (${ORGANISATION_TYPE_LABELS[booking.organisationType]})`,
			`Local area: ${booking.localArea}`,
			'',
			link(`/app/consultations/${booking.id}`)
		].join('\n'),
		attachments
	});
}

// What a booking tells the lead and the consultant: the emails and the calendar invite they carry.
import { eq } from 'drizzle-orm';
import type { Executor } from '$lib/server/db';
import { availability, type Booking } from '$lib/server/db/schema';
import { enqueueMail, link } from '$lib/server/mail';
import { config } from '$lib/server/config';
import { joiningFor, joiningText, ORGANISATION_TYPE_LABELS, type Joining } from '$lib/domain/bookings';
import { manageLines, whenText } from '$lib/domain/booking-text';
import { formatDate } from '$lib/domain/dates';
import { inviteAttachment } from './invite';

function domain() {
	return new URL(config.origin).hostname;
}

/** The joining details a booking's mail and pages show: its own, else its consultant's default. */
export async function joiningOf(tx: Executor, booking: Booking): Promise<Joining | null> {
	const [defaults] = await tx
		.select({ joiningKind: availability.joiningKind, joiningDetail: availability.joiningDetail })
		.from(availability)
		.where(eq(availability.userId, booking.consultantId));
	return joiningFor(booking, defaults);
}

function invite(booking: Booking, consultant: { name: string; email: string }, joining: Joining | null, manageUrl?: string) {
	const description = [
		`A free consultation about repeat missing in ${booking.localArea}, with ${consultant.name}.`,
		`How to join: ${joiningText(joining)}`,
		...(manageUrl ? [`To see, move or cancel this booking: ${manageUrl}`] : [])
	].join('\n');
	return inviteAttachment({
		location: joining?.detail,
		// The event's own page: the video call to join when there is one, else the lead's manage page.
		url: joining?.kind === 'video' ? joining.detail : manageUrl,
		bookingId: booking.id,
		sequence: booking.sequence,
		startsAt: booking.startsAt,
		endsAt: booking.endsAt,
		cancelled: booking.status === 'cancelled',
		title: `Free consultation with ${config.orgName}`,
		description,
		organizer: { name: consultant.name, email: consultant.email },
		attendees: [{ name: booking.leadName, email: booking.email }],
		domain: domain()
	});
}

type MailReason = 'booked' | 'rescheduled' | 'updated' | 'cancelled';

export async function mailBoth(
	tx: Executor,
	booking: Booking,
	consultant: { name: string; email: string },
	reason: MailReason,
	now: Date,
	token?: string
) {
	const when = whenText(booking.startsAt, booking.endsAt);
	const joining = await joiningOf(tx, booking);
	const manageUrl = token ? link(`/consultation/manage/${token}`) : undefined;
	const how = reason === 'cancelled' ? [] : [`How to join: ${joiningText(joining)}`];
	const manage = [
		'',
		...manageLines({
			startsAt: booking.startsAt,
			now,
			cutoffHours: config.bookingCutoffHours,
			manageUrl
		})
	];
	const leadText = {
		booked: [`Dear ${booking.leadName},`, '', `Your free consultation with ${config.orgName} is booked for ${when}.`, `${consultant.name} will speak with you.`, ...how],
		rescheduled: [`Dear ${booking.leadName},`, '', `Your free consultation has moved to ${when}.`, ...how],
		updated: [`Dear ${booking.leadName},`, '', `The joining details of your free consultation on ${when} have changed.`, ...how],
		cancelled: [`Dear ${booking.leadName},`, '', `Your free consultation on ${when} has been cancelled.`]
	}[reason];
	const subjects = {
		booked: `Your free consultation on ${formatDate(booking.startsAt)}`,
		rescheduled: `Your free consultation has moved to ${formatDate(booking.startsAt)}`,
		updated: `New joining details for your free consultation on ${formatDate(booking.startsAt)}`,
		cancelled: `Your free consultation on ${formatDate(booking.startsAt)} is cancelled`
	};
	// The lead's invite carries their manage link (when this email has it); the consultant's never does.
	await enqueueMail(tx, {
		to: booking.email,
		kind: `booking-${reason}`,
		subject: subjects[reason],
		text: [...leadText, ...(reason === 'cancelled' ? [] : manage), '', `${config.orgName}`].join('\n'),
		attachments: [invite(booking, consultant, joining, manageUrl)]
	});
	await enqueueMail(tx, {
		to: consultant.email,
		kind: `booking-${reason}-consultant`,
		subject: `Consultation ${reason}: ${booking.organisation}, ${formatDate(booking.startsAt)}`,
		text: [
			`Consultation ${reason}: ${when}.`,
			...how,
			'',
			`${booking.leadName}, ${booking.leadRole}, ${booking.organisation} (${ORGANISATION_TYPE_LABELS[booking.organisationType]})`,
			`Local area: ${booking.localArea}`,
			'',
			link(`/app/consultations/${booking.id}`)
		].join('\n'),
		attachments: [invite(booking, consultant, joining)]
	});
}

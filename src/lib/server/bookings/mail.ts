// What a booking tells the lead and the consultant: the emails and the calendar invite they carry.
import { eq } from 'drizzle-orm';
import type { Executor } from '$lib/server/db';
import { availability, type Booking } from '$lib/server/db/schema';
import { enqueueMail, link } from '$lib/server/mail';
import { config } from '$lib/server/config';
import { decrypt, encrypt } from '$lib/server/crypto';
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

/**
 * The manage token sealed for keeping: only its hash is looked up, but every later email to the lead has to carry the
 * link again, so the token itself is kept encrypted with ENCRYPTION_KEY (a database copy alone does not open it).
 */
export function sealToken(token: string) {
	return encrypt(new TextEncoder().encode(token));
}

/** The lead's manage link, or undefined for a booking made before tokens were kept sealed. */
export function manageUrlOf(booking: Pick<Booking, 'tokenSealed'>) {
	if (!booking.tokenSealed) return undefined;
	return link(`/consultation/manage/${new TextDecoder().decode(decrypt(booking.tokenSealed))}`);
}

/** Replies to a `no-reply` sender reach people: the organisation's address and the consultant's own. */
export function leadHeaders(consultantEmail: string | undefined) {
	const to = [config.replyTo, consultantEmail].filter((a): a is string => !!a);
	return { 'Reply-To': [...new Set(to.map((a) => a.trim()))].join(', ') };
}

export interface EventText {
	title: string;
	description: string;
	location?: string;
	url?: string;
}

/** What the lead's calendar says about the event, in the invite and in the add-to-calendar links alike. */
export function eventText(booking: Booking, consultant: { name: string }, joining: Joining | null, manageUrl?: string): EventText {
	return {
		title: `Free consultation with ${config.orgName}`,
		description: [
			`A free consultation about repeat missing in ${booking.localArea}, with ${consultant.name}.`,
			`How to join: ${joiningText(joining)}`,
			...(manageUrl ? [`To see, move or cancel this booking: ${manageUrl}`] : [])
		].join('\n'),
		location: joining?.detail,
		// The event's own page: the video call to join when there is one, else the lead's manage page.
		url: joining?.kind === 'video' ? joining.detail : manageUrl
	};
}

export function bookingInvite(booking: Booking, consultant: { name: string; email: string }, joining: Joining | null, manageUrl?: string) {
	return inviteAttachment({
		...eventText(booking, consultant, joining, manageUrl),
		bookingId: booking.id,
		sequence: booking.sequence,
		startsAt: booking.startsAt,
		endsAt: booking.endsAt,
		cancelled: booking.status === 'cancelled',
		organizer: { name: consultant.name, email: consultant.email },
		attendees: [{ name: booking.leadName, email: booking.email }],
		domain: domain()
	});
}

/** booked and rescheduled by the lead; moved by the consultant (with a note why); updated joining; cancelled. */
type MailReason = 'booked' | 'rescheduled' | 'moved' | 'updated' | 'cancelled';

export async function mailBoth(
	tx: Executor,
	booking: Booking,
	consultant: { name: string; email: string },
	reason: MailReason,
	now: Date,
	options: { note?: string } = {}
) {
	const when = whenText(booking.startsAt, booking.endsAt);
	const joining = await joiningOf(tx, booking);
	const manageUrl = manageUrlOf(booking);
	const how = reason === 'cancelled' ? [] : [`How to join: ${joiningText(joining)}`];
	const manage =
		reason === 'cancelled'
			? manageUrl
				? ['To see this booking, or book another time, open:', manageUrl]
				: []
			: manageLines({ startsAt: booking.startsAt, now, cutoffHours: config.bookingCutoffHours, manageUrl });
	const why = reason === 'cancelled' && booking.cancelReasonShared && booking.cancelReason ? booking.cancelReason : options.note;
	const leadText = {
		booked: [`Your free consultation with ${config.orgName} is booked for ${when}.`, `${consultant.name} will speak with you.`, ...how],
		rescheduled: [`Your free consultation has moved to ${when}.`, ...how],
		moved: [`${consultant.name} has moved your free consultation to ${when}.`, ...how],
		updated: [`The joining details of your free consultation on ${when} have changed.`, ...how],
		cancelled: [`Your free consultation on ${when} has been cancelled.`]
	}[reason];
	const subjects = {
		booked: `Your free consultation on ${formatDate(booking.startsAt)}`,
		rescheduled: `Your free consultation has moved to ${formatDate(booking.startsAt)}`,
		moved: `Your free consultation has moved to ${formatDate(booking.startsAt)}`,
		updated: `New joining details for your free consultation on ${formatDate(booking.startsAt)}`,
		cancelled: `Your free consultation on ${formatDate(booking.startsAt)} is cancelled`
	};
	// The lead's invite carries their manage link; the consultant's never does.
	await enqueueMail(tx, {
		to: booking.email,
		kind: `booking-${reason}`,
		subject: subjects[reason],
		headers: leadHeaders(consultant.email),
		text: [
			`Dear ${booking.leadName},`,
			'',
			...leadText,
			...(why ? ['', `${reason === 'cancelled' ? 'The reason' : 'Why'}: ${why}`] : []),
			...(manage.length ? ['', ...manage] : []),
			'',
			config.orgName
		].join('\n'),
		attachments: [bookingInvite(booking, consultant, joining, manageUrl)]
	});
	await enqueueMail(tx, {
		to: consultant.email,
		kind: `booking-${reason}-consultant`,
		subject: `Consultation ${reason}: ${booking.organisation}, ${formatDate(booking.startsAt)}`,
		text: [
			`Consultation ${reason}: ${when}.`,
			...how,
			...(why ? [`${reason === 'cancelled' ? 'Reason given to the lead' : 'Note to the lead'}: ${why}`] : []),
			'',
			`${booking.leadName}, ${booking.leadRole}, ${booking.organisation} (${ORGANISATION_TYPE_LABELS[booking.organisationType]})`,
			`Local area: ${booking.localArea}`,
			'',
			link(`/app/consultations/${booking.id}`)
		].join('\n'),
		attachments: [bookingInvite(booking, consultant, joining)]
	});
}

// Free consultations: the words and numbers the booking rules share (statuses, organisation types, defaults).

export const BOOKING_STATUSES = ['confirmed', 'completed', 'no_show', 'cancelled'] as const;
export type BookingStatus = (typeof BOOKING_STATUSES)[number];

export const BOOKING_STATUS_LABELS: Record<BookingStatus, string> = {
	confirmed: 'Confirmed',
	completed: 'Completed',
	no_show: 'No-show',
	cancelled: 'Cancelled'
};

export const ORGANISATION_TYPES = ['police', 'local_authority', 'nhs', 'education', 'voluntary', 'other'] as const;
export type OrganisationType = (typeof ORGANISATION_TYPES)[number];

export const ORGANISATION_TYPE_LABELS: Record<OrganisationType, string> = {
	police: 'Police',
	local_authority: 'Local authority',
	nhs: 'NHS',
	education: 'Education',
	voluntary: 'Voluntary sector',
	other: 'Other'
};

/** How a consultation is held: a video link, a phone number, or a place. */
export const JOINING_KINDS = ['video', 'phone', 'place'] as const;
export type JoiningKind = (typeof JOINING_KINDS)[number];

export const JOINING_KIND_LABELS: Record<JoiningKind, string> = {
	video: 'Video call',
	phone: 'Phone call',
	place: 'In person'
};

export interface Joining {
	kind: JoiningKind;
	detail: string;
}

/** A booking's own joining details when it has them, else its consultant's default; null when neither is set. */
export function joiningFor(
	booking: { joiningKind: JoiningKind | null; joiningDetail: string | null },
	consultant: { joiningKind: JoiningKind | null; joiningDetail: string | null } | null | undefined
): Joining | null {
	if (booking.joiningKind && booking.joiningDetail) return { kind: booking.joiningKind, detail: booking.joiningDetail };
	if (consultant?.joiningKind && consultant.joiningDetail) return { kind: consultant.joiningKind, detail: consultant.joiningDetail };
	return null;
}

/** "Video call: https://meet.example/abc", for emails and pages. */
export function joiningText(joining: Joining | null) {
	return joining ? `${JOINING_KIND_LABELS[joining.kind]}: ${joining.detail}` : 'Joining details to follow: your consultant will send them before the call.';
}

export const OVERRIDE_KINDS = ['off', 'extra'] as const;
export type OverrideKind = (typeof OVERRIDE_KINDS)[number];

/** How long a consultation lasts, said the same on every page (consultants keep it as their meeting length). */
export const CONSULTATION_MINUTES = 45;

export const AVAILABILITY_DEFAULTS = {
	meetingMinutes: CONSULTATION_MINUTES,
	bufferMinutes: 15,
	noticeWorkingDays: 1,
	horizonWeeks: 8,
	dailyCap: 4
} as const;

/** Leads may reschedule or cancel themselves until this many hours before the start. */
export const SELF_SERVICE_CUTOFF_HOURS = 4;

/** Booking leads' personal details are erased this many months after the last contact. */
export const RETENTION_MONTHS = 24;

/** A booking that still holds its time: every status but cancelled. */
export function holdsTime(status: BookingStatus) {
	return status !== 'cancelled';
}

/** Whether a lead may still change a booking that starts at `startsAt`. */
export function canSelfServe(status: BookingStatus, startsAt: Date, now: Date, cutoffHours = SELF_SERVICE_CUTOFF_HOURS) {
	return status === 'confirmed' && startsAt.getTime() - now.getTime() >= cutoffHours * 60 * 60_000;
}

/** The reminder goes this many hours before the start. */
export const REMINDER_HOURS = 24;

/**
 * A confirmation (or a move) this close to when the reminder would go, or later, is its own reminder: the lead has
 * just read the time, so a second email an hour later says nothing new.
 */
export const REMINDER_FRESH_HOURS = 12;

/** Whether a booking whose time the lead was told at `toldAt` still needs the reminder before `startsAt`. */
export function needsReminder(startsAt: Date, toldAt: Date) {
	return startsAt.getTime() - toldAt.getTime() >= (REMINDER_HOURS + REMINDER_FRESH_HOURS) * 60 * 60_000;
}

import { z } from 'zod';
import { BOOKING_STATUSES, JOINING_KINDS, ORGANISATION_TYPES, OVERRIDE_KINDS } from '$lib/domain/bookings';
import { isTime, parseIntervals } from '$lib/domain/slots';
import { choice, email, optionalLines, optionalText, requiredLines, requiredText, safeString, version } from './common';

const slot = z.iso.datetime({ message: 'Choose a time for the consultation.' });

/** Joining details as typed: no kind means none (the default, or the consultant's for a booking). */
const joiningFields = {
	joiningKind: z.union([z.literal(''), z.enum(JOINING_KINDS)], { message: 'Choose how the consultation is held.' }).optional().default(''),
	joiningDetail: optionalText('the joining details', 500)
};

function checkJoining(v: { joiningKind: string; joiningDetail: string }, ctx: z.RefinementCtx) {
	if (!v.joiningKind) {
		if (v.joiningDetail) ctx.addIssue({ code: 'custom', path: ['joiningKind'], message: 'Choose how the consultation is held, or clear the details.' });
		return;
	}
	const missing = { video: 'Enter the video call link.', phone: 'Enter the phone number.', place: 'Enter the address of the place.' } as const;
	if (!v.joiningDetail) {
		ctx.addIssue({ code: 'custom', path: ['joiningDetail'], message: missing[v.joiningKind as keyof typeof missing] });
	} else if (v.joiningKind === 'video' && !/^https:\/\/[^\s]+\.[^\s]+$/.test(v.joiningDetail)) {
		ctx.addIssue({ code: 'custom', path: ['joiningDetail'], message: 'Enter the video call link, starting https://' });
	}
}

export const intakeSchema = z
	.object({
		slot,
		name: requiredText('your name', 120),
		role: requiredText('your role', 120),
		organisation: requiredText('your organisation', 160),
		organisationType: choice(ORGANISATION_TYPES, 'Choose the kind of organisation you work for.'),
		localArea: requiredText('your local area', 160),
		email,
		phone: optionalText('the phone number', 40).refine((v) => v === '' || /^[+()\d\s-]{6,40}$/.test(v), {
			message: 'Enter a phone number using digits, spaces and + ( ) - only, or leave it empty.'
		}),
		situation: requiredLines('what is happening locally', 3000),
		consent: z.literal('yes', { message: 'Tick the box to agree that we may contact you about this consultation.' }),
		// The honeypot: hidden from people, filled in by bots. Checked by the action, never stored.
		website: safeString().max(500).optional().default(''),
		// An enquiry's consultation offer, when the lead came by its link: ties the booking to the enquiry.
		offer: safeString().trim().max(100).optional().default('')
	})
	.strict();

export const rescheduleSchema = z.object({ slot }).strict();

export const cancelSchema = z
	.object({ confirm: z.literal('yes', { message: 'Tick the box to confirm you want to cancel.' }) })
	.strict();

export const pipelineFilterSchema = z.object({
	status: z.enum(BOOKING_STATUSES).optional().catch(undefined),
	when: z.enum(['upcoming', 'past']).optional().catch(undefined)
});

export const bookingUpdateSchema = z
	.object({
		status: choice(BOOKING_STATUSES, 'Choose a status.'),
		notes: optionalLines('the notes', 4000),
		version
	})
	.strict();

/** A consultant moves a booking: the new time and a note to the lead on why. */
export const moveSchema = z.object({ slot, note: requiredLines('a note to the lead on why it moves', 1000), version }).strict();

export const consultantCancelSchema = z
	.object({
		reason: optionalLines('the reason', 1000),
		shareReason: z.literal('yes').optional(),
		confirm: z.literal('yes', { message: 'Tick the box to confirm you want to cancel.' }),
		version
	})
	.strict();

const day = z.iso.date({ message: 'Enter a date like 2027-03-28.' }).optional();

/** The team view's filters, from the address: a bad value gets a message by its field and filters nothing. */
export const teamFilterSchema = z
	.object({
		consultant: safeString().max(64).optional(),
		status: z.enum(BOOKING_STATUSES, { message: 'Choose a status.' }).optional(),
		from: day,
		to: day
	})
	.strict()
	.refine((v) => !v.from || !v.to || v.from <= v.to, { path: ['to'], message: 'The end date must be on or after the start date.' });

export const feedRevokeSchema = z
	.object({ confirm: z.literal('yes', { message: 'Tick the box to confirm the old address should stop working.' }) })
	.strict();

export const engagementSchema = z.object({ version }).strict();

export const bookingJoiningSchema = z.object({ ...joiningFields, version }).strict().superRefine(checkJoining);

const hours = safeString()
	.max(200, 'Keep each day to 200 characters or fewer.')
	.optional()
	.default('')
	.transform((value, ctx) => {
		const parsed = parseIntervals(value);
		if (!parsed) {
			ctx.addIssue({
				code: 'custom',
				message: 'Write times like 09:00-12:30, 13:30-17:00: 24-hour clock, each start before its end, no overlaps.'
			});
			return z.NEVER;
		}
		return parsed;
	});

const whole = (label: string, min: number, max: number) =>
	z.coerce
		.number({ message: `Enter ${label} as a whole number.` })
		.int(`Enter ${label} as a whole number.`)
		.min(min, `Enter ${label} between ${min} and ${max}.`)
		.max(max, `Enter ${label} between ${min} and ${max}.`);

export const availabilitySchema = z
	.object({
		acceptingBookings: z.literal('yes').optional(),
		day1: hours,
		day2: hours,
		day3: hours,
		day4: hours,
		day5: hours,
		day6: hours,
		day7: hours,
		meetingMinutes: whole('the meeting length', 15, 240),
		bufferMinutes: whole('the buffer', 0, 120),
		noticeWorkingDays: whole('the notice', 0, 20),
		horizonWeeks: whole('how far ahead', 1, 26),
		dailyCap: whole('the daily limit', 1, 20),
		...joiningFields,
		version: z.coerce.number().int().min(0)
	})
	.strict()
	.superRefine(checkJoining);
const time = safeString().refine(isTime, { message: 'Enter a time like 09:30 (24-hour clock).' });

export const overrideSchema = z
	.object({
		date: z.iso.date({ message: 'Enter a date.' }),
		kind: choice(OVERRIDE_KINDS, 'Choose a day off or extra hours.'),
		startTime: z.union([z.literal(''), time]).optional().default(''),
		endTime: z.union([z.literal(''), time]).optional().default('')
	})
	.strict()
	.superRefine((v, ctx) => {
		if (v.kind !== 'extra') return;
		if (!v.startTime) ctx.addIssue({ code: 'custom', path: ['startTime'], message: 'Enter when the extra hours start.' });
		if (!v.endTime) ctx.addIssue({ code: 'custom', path: ['endTime'], message: 'Enter when the extra hours end.' });
		if (v.startTime && v.endTime && v.startTime >= v.endTime) {
			ctx.addIssue({ code: 'custom', path: ['endTime'], message: 'The end must be after the start.' });
		}
	});

export const overrideDeleteSchema = z.object({ id: safeString().min(1).max(64) }).strict();

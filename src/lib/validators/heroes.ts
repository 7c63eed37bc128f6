import { z } from 'zod';
import { REGIONS } from '$lib/domain/heroes';
import { email, optionalText, requiredLines, requiredText, safeString, version } from './common';

// A hidden field people never see: anything in it means a bot filled the form.
export const honeypot = safeString().max(500).optional().default('');

const region = z
	.union([z.literal(''), z.enum(REGIONS, { message: 'Choose a region from the list.' })])
	.optional()
	.transform((value) => (value ? value : null));

export const signUpSchema = z
	.object({
		email,
		firstName: optionalText('your first name', 60),
		region,
		// An unticked box sends nothing: a missing key and any other value get the same message.
		consent: z.literal('yes', { message: 'Tick the box to agree to appeal emails, or we cannot send them.' }),
		website: honeypot
	})
	.strict();

export const preferencesSchema = z
	.object({ firstName: optionalText('your first name', 60), region })
	.strict();

const dateOnly = safeString()
	.trim()
	.regex(/^\d{4}-\d{2}-\d{2}$/, 'Enter the date in the format 2026-03-14.')
	.refine((v) => !Number.isNaN(new Date(`${v}T00:00:00Z`).getTime()) && new Date(`${v}T00:00:00Z`).toISOString().startsWith(v), 'Enter a real date.');

export const appealSchema = z
	.object({
		firstName: requiredText('their first name', 60),
		// Checked as text first: coercion alone would read an empty box as 0.
		age: z
			.string({ message: 'Enter their age in years.' })
			.trim()
			.min(1, 'Enter their age in years.')
			.regex(/^\d{1,3}$/, 'Enter their age in whole years, e.g. 34.')
			.pipe(z.coerce.number())
			.pipe(z.number().max(120, 'Enter an age between 0 and 120.')),
		region: z.enum(REGIONS, { message: 'Choose the region of the appeal.' }),
		place: optionalText('the town or district', 80),
		missingSince: dateOnly,
		description: requiredLines('a short description', 1000),
		photo: z.instanceof(File).optional()
	})
	.strict();

export const removeAppealSchema = z
	.object({
		appealId: safeString().min(1).max(64),
		// Tell the heroes who received it that the person has been found.
		tellHeroes: z.literal('yes', { message: 'Tick the box, or leave it empty.' }).optional()
	})
	.strict();

export const sightingSchema = z
	.object({
		seenWhen: requiredText('when you saw them', 200),
		seenWhere: requiredText('where you saw them', 300),
		whatSeen: requiredLines('what you saw', 2000),
		contactName: optionalText('your name', 120),
		contactDetails: optionalText('your phone number or email', 200),
		website: honeypot
	})
	.strict();

export const sightingHandledSchema = z.object({ sightingId: safeString().min(1).max(64), version }).strict();

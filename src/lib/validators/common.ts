// Field schemas shared by Homeward's forms.
import { z } from 'zod';

export const email = z
	.string()
	.trim()
	.min(1, 'Enter an email address.')
	.max(254, 'Email addresses are at most 254 characters.')
	.pipe(z.email({ message: 'Enter an email address in the format name@example.org.' }))
	.transform((value) => value.toLowerCase());

export const newPassword = z
	.string()
	.min(8, 'Use at least 8 characters.')
	.max(256, 'Use at most 256 characters.');

export const requiredText = (label: string, max = 200) =>
	z
		.string()
		.trim()
		.min(1, `Enter ${label}.`)
		.max(max, `Keep ${label} to ${max} characters or fewer.`);

export const optionalText = (label: string, max = 2000) =>
	z
		.string()
		.trim()
		.max(max, `Keep ${label} to ${max} characters or fewer.`)
		.optional()
		.default('');

export const choice = <T extends readonly [string, ...string[]]>(values: T, message: string) =>
	z.enum(values, { message });

export const version = z.coerce.number().int().positive();

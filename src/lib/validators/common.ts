// Field schemas shared by Homeward's forms, JSON endpoints and query strings.
import { z } from 'zod';
import { normaliseNewlines, textProblem, type TextRule } from '$lib/domain/text';

/**
 * The one text schema at the boundary: every text that arrives from outside starts here. It refuses control
 * characters (tab and newline allowed in multi-line text, carriage returns normalised) and lone surrogates, each with
 * a field message, and normalises Unicode to NFC so that the same name typed on two devices compares equal.
 * Stays a ZodString, so `.trim().min().max()` chain on as usual.
 */
export const safeString = (rule: TextRule = {}, params?: { message?: string }) =>
	z
		.string(params)
		.overwrite((value) => normaliseNewlines(value, rule))
		.check((ctx) => {
			const problem = textProblem(ctx.value, rule);
			if (problem) ctx.issues.push({ code: 'custom', message: problem, input: ctx.value, continue: false });
		})
		.normalize('NFC');

/**
 * The same refusals without changing the text, for content whose exact bytes matter (a backup file's checksum covers
 * them). Multi-line: such files carry descriptions and notes.
 */
export const checkedString = () =>
	z.string().check((ctx) => {
		const problem = textProblem(ctx.value, { multiline: true });
		if (problem) ctx.issues.push({ code: 'custom', message: problem, input: ctx.value, continue: false });
	});

/** A text area's text: several lines. */
export const multilineString = () => safeString({ multiline: true });

export const email = safeString()
	.trim()
	.min(1, 'Enter an email address.')
	.max(254, 'Email addresses are at most 254 characters.')
	.pipe(z.email({ message: 'Enter an email address in the format name@example.org.' }))
	.transform((value) => value.toLowerCase());

// Passwords are the one text left as typed: they are only ever hashed (never stored or shown), and normalising them
// now would change the hash of every password already set. The `next` field of the sign-in forms is not stored
// either: safeNext ($lib/domain/navigation) refuses control characters in it, and refusing it here would put an
// error on a hidden field that the user cannot see.
export const newPassword = z
	.string()
	.min(8, 'Use at least 8 characters.')
	.max(256, 'Use at most 256 characters.');

export const requiredText = (label: string, max = 200, rule: TextRule = {}) =>
	safeString(rule)
		.trim()
		.min(1, `Enter ${label}.`)
		.max(max, `Keep ${label} to ${max} characters or fewer.`);

export const optionalText = (label: string, max = 2000, rule: TextRule = {}) =>
	safeString(rule)
		.trim()
		.max(max, `Keep ${label} to ${max} characters or fewer.`)
		.optional()
		.default('');

/** Text from a text area: the same rules, with tab and newline allowed. */
export const requiredLines = (label: string, max = 2000) => requiredText(label, max, { multiline: true });
export const optionalLines = (label: string, max = 2000) => optionalText(label, max, { multiline: true });

export const choice = <T extends readonly [string, ...string[]]>(values: T, message: string) =>
	z.enum(values, { message });

export const version = z.coerce.number().int().positive();

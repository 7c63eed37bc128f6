// Forms and query strings of the admin pages.
import { z } from 'zod';
import { UPLOAD_LIMITS, megabytes } from '$lib/domain/uploads';
import { KEY_KINDS } from '$lib/domain/admin';
import { email, safeString } from './common';
import { slug } from './areas';

/** A form that only presses a button: any field is refused. */
export const emptySchema = z.object({}).strict();

const isoDate = safeString()
	.regex(/^\d{4}-\d{2}-\d{2}$/, 'Enter a date like 2026-03-29.')
	.refine((v) => !Number.isNaN(Date.parse(v)), 'Enter a real date.');
const optional = <T extends z.ZodType>(schema: T) =>
	z.preprocess((v) => (v === '' || v === null ? undefined : v), schema.optional());

/** The audit log's filters, from the query string; dates are London calendar days, both ends included. */
export const auditFilterSchema = z
	.object({
		area: optional(safeString().max(64)),
		actor: optional(safeString().max(64)),
		entity: optional(safeString().max(64)),
		from: optional(isoDate),
		to: optional(isoDate),
		page: optional(z.coerce.number().int().min(1).max(100_000)).transform((p) => p ?? 1)
	})
	.refine((f) => !f.from || !f.to || f.from <= f.to, { path: ['to'], message: 'The end date must not be before the start date.' });

export const rateLimitFilterSchema = z.object({
	bucket: optional(safeString().max(64)),
	kind: optional(z.enum(KEY_KINDS as [string, ...string[]]))
});

export const subjectSchema = z.object({ email }).strict();

export const eraseSchema = z
	.object({
		email,
		confirm: z.literal('yes', { message: 'Tick the box to confirm that everything found should be erased.' })
	})
	.strict();

export const restoreAreaSchema = z
	.object({
		slug,
		file: z
			.instanceof(File, { message: 'Choose the backup file.' })
			.refine((f) => f.size > 0, 'Choose the backup file.')
			.refine((f) => f.size <= UPLOAD_LIMITS.backupBytes, `Backup files are at most ${megabytes(UPLOAD_LIMITS.backupBytes)}.`)
	})
	.strict();

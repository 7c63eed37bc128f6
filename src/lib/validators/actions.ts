// Forms of the action plan.
import { z } from 'zod';
import { ACTION_STATUSES, PRIORITIES } from '$lib/domain/actions';
import { UPLOAD_LIMITS, megabytes } from '$lib/domain/uploads';
import { choice, multilineString, optionalLines, requiredText, safeString, version } from './common';

const id = safeString().trim().min(1, 'Choose one.').max(64);
const optionalId = safeString()
	.trim()
	.max(64)
	.optional()
	.transform((v) => v || null);
const ids = z
	.union([safeString(), z.array(safeString())])
	.optional()
	.transform((v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]).map((s) => s.trim()).filter(Boolean))
	.pipe(z.array(safeString().max(64)).max(200, 'Choose at most 200.'));

export const dueDate = safeString()
	.trim()
	.optional()
	.transform((v) => v || null)
	.refine((v) => v === null || (/^\d{4}-\d{2}-\d{2}$/.test(v) && !Number.isNaN(Date.parse(`${v}T00:00:00Z`)) && new Date(`${v}T00:00:00Z`).toISOString().startsWith(v)), {
		message: 'Enter a real date, for example 2026-03-31.'
	});

export const actionFields = {
	title: requiredText('a title', 200),
	description: optionalLines('the description', 4000),
	ownerActorId: optionalId,
	ownerUserId: optionalId,
	dueDate,
	status: choice(ACTION_STATUSES, 'Choose a status.'),
	priority: choice(PRIORITIES, 'Choose a priority.'),
	handoffIds: ids,
	tocNodeIds: ids,
	modelIds: ids
};

export const createActionSchema = z.object(actionFields).strict();
export const updateActionSchema = z.object({ ...actionFields, version }).strict();

export const postUpdateSchema = z
	.object({
		body: optionalLines('the update', 4000),
		status: z
			.union([z.enum(ACTION_STATUSES), z.literal('')])
			.optional()
			.transform((v) => v || null)
	})
	.strict()
	.refine((v) => v.body.length > 0 || v.status !== null, { path: ['body'], message: 'Write what has happened, or choose a new status.' });

export const bulkStatusSchema = z
	.object({ ids: ids.refine((v) => v.length > 0, 'Tick at least one action.'), status: choice(ACTION_STATUSES, 'Choose a status.') })
	.strict();

export const moveSchema = z.object({ id, status: choice(ACTION_STATUSES, 'Choose a status.') }).strict();

export const importSchema = z
	.object({ csv: multilineString().max(UPLOAD_LIMITS.actionsCsvBytes, `The CSV is too large: at most ${megabytes(UPLOAD_LIMITS.actionsCsvBytes)}.`) })
	.strict();

// Forms of Hydra training: the scenario library and its injects, scheduled events, and the public's requests.
import { z } from 'zod';
import { email, optionalLines, requiredLines, requiredText, safeString, version } from './common';
import { honeypot } from './heroes';
import { AGE_BANDS, HYDRA_REQUEST_STATUSES, HYDRA_SECTORS } from '$lib/domain/hydra';
import { PROGRAMME_MODEL_KEYS } from '$lib/domain/programme';
import { isTime } from '$lib/domain/slots';
import { parseOffset } from '$lib/domain/hydra/clock';

const id = safeString().trim().min(1).max(64);

/** Checkboxes sharing a name: nothing, one value or several. */
const many = <T extends string>(values: readonly T[], message: string) =>
	z
		.union([safeString(), z.array(safeString())])
		.optional()
		.transform((v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]).filter(Boolean))
		.pipe(z.array(z.enum(values as [T, ...T[]], { message })).max(values.length))
		.transform((list) => [...new Set(list)]);

const scenarioFields = {
	title: requiredText('a title', 160),
	summary: optionalLines('the summary', 4000),
	learningObjectives: optionalLines('the learning objectives', 4000),
	targetModels: many(PROGRAMME_MODEL_KEYS, 'Choose from the programme’s models.'),
	ageBand: z.enum(AGE_BANDS, { message: 'Choose the age band of the person in the scenario.' }),
	circumstances: optionalLines('the circumstances', 4000)
};

export const createScenarioSchema = z.object(scenarioFields).strict();
export const updateScenarioSchema = z.object({ ...scenarioFields, version }).strict();

const injectFields = {
	scenarioTime: requiredText('the scenario time, for example “Day 1, 22:40”', 40),
	title: requiredText('a title', 160),
	content: requiredLines('what the syndicates receive', 8000),
	audience: many(HYDRA_SECTORS, 'Choose sectors from the list.'),
	facilitatorNotes: optionalLines('the facilitator notes', 4000),
	prompts: optionalLines('the decision prompts', 4000),
	expectedResponse: optionalLines('the expected response', 4000),
	/** Minutes and seconds after the start ("12:30"), for running on the clock; empty: released by hand only. */
	releaseOffset: safeString()
		.max(20, 'Write the time after the start as minutes and seconds, like 12:30.')
		.optional()
		.default('')
		.transform((text, ctx) => {
			const parsed = parseOffset(text);
			if (parsed.ok) return parsed.seconds;
			ctx.addIssue({ code: 'custom', message: parsed.message });
			return z.NEVER;
		})
};

/** Every inject change names the scenario's version: the scenario and its timeline change as one. */
export const addInjectSchema = z.object({ ...injectFields, version }).strict();
export const updateInjectSchema = z.object({ ...injectFields, injectId: id, version }).strict();
export const deleteInjectSchema = z.object({ injectId: id, version }).strict();
export const moveInjectSchema = z.object({ injectId: id, direction: z.enum(['up', 'down']), version }).strict();

/** The signer confirms each flagged item by its key; the server checks they cover every hit it finds now. */
export const signOffSchema = z
	.object({
		version,
		confirmed: z
			.union([safeString(), z.array(safeString())])
			.optional()
			.transform((v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]))
			.pipe(z.array(safeString().max(400)).max(500))
	})
	.strict();

const date = safeString()
	.trim()
	.regex(/^\d{4}-\d{2}-\d{2}$/, 'Enter the date as a day, month and year.')
	.refine((v) => !Number.isNaN(new Date(`${v}T12:00:00Z`).getTime()), 'Enter a real date.');
const time = (label: string) =>
	safeString()
		.trim()
		.refine(isTime, `Enter the ${label} as hours and minutes, for example 09:30.`);
// An unticked checkbox sends nothing; a ticked one sends "on".
const checkbox = z
	.union([z.literal('on'), z.literal('')])
	.optional()
	.transform((v) => v === 'on');

const eventFields = {
	title: requiredText('a title', 160),
	date,
	startTime: time('start time'),
	endTime: time('end time'),
	place: requiredText('where it takes place', 300),
	capacity: z.coerce
		.number({ message: 'Enter the number of places.' })
		.int('Enter a whole number of places.')
		.min(1, 'Offer at least 1 place.')
		.max(500, 'Offer at most 500 places.'),
	areaId: safeString()
		.trim()
		.max(64)
		.optional()
		.transform((v) => v || null),
	listed: checkbox
};

const endsAfterStart = <T extends { startTime: string; endTime: string }>(v: T) => v.endTime > v.startTime;
const endMessage = { message: 'End the session after it starts.', path: ['endTime'] };

export const createEventSchema = z.object(eventFields).strict().refine(endsAfterStart, endMessage);
export const updateEventSchema = z.object({ ...eventFields, version }).strict().refine(endsAfterStart, endMessage);
export const deleteEventSchema = z
	.object({ version, confirm: z.literal('yes', { message: 'Tick the box to confirm that the session is cancelled.' }) })
	.strict();

/** The public page's request: a place on a listed session, or a session in the requester's area. */
export const hydraRequestSchema = z
	.object({
		kind: z.enum(['place', 'area_session'], { message: 'Choose what you would like.' }),
		eventId: safeString()
			.trim()
			.max(64)
			.optional()
			.transform((v) => v || null),
		name: requiredText('your name', 120),
		organisation: requiredText('your organisation', 160),
		organisationType: z.enum(HYDRA_SECTORS, { message: 'Choose the kind of organisation you work for.' }),
		email,
		message: optionalLines('your message', 2000),
		website: honeypot
	})
	.strict()
	.refine((v) => v.kind !== 'place' || v.eventId !== null, { message: 'Choose the session you would like a place on.', path: ['eventId'] });

export const requestStatusSchema = z
	.object({
		requestId: id,
		status: z.enum(HYDRA_REQUEST_STATUSES, { message: 'Choose a status.' }),
		version
	})
	.strict();

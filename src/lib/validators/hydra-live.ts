// Forms of a live Hydra exercise: control's set-up and console, and the syndicates' join, decision and board forms.
import { z } from 'zod';
import { HYDRA_SECTORS, type HydraSector } from '$lib/domain/hydra';
import { normaliseJoinCode } from '$lib/domain/hydra/exercise';
import { MESSAGE_MAX } from '$lib/domain/hydra/messages';
import { optionalLines, optionalText, requiredLines, requiredText, safeString, version } from './common';

/** One of the agencies (HYDRA_SECTORS is a filtered list, not a tuple, so zod needs it cast). */
const agency = (message: string) => z.enum(HYDRA_SECTORS as [HydraSector, ...HydraSector[]], { message });

const id = safeString().min(1).max(64);
/** A select whose empty option means "none". */
const optionalId = (message: string) =>
	safeString()
		.max(64, { message })
		.optional()
		.transform((v) => v || null);

export const createExerciseSchema = z
	.object({
		scenarioId: safeString({}, { message: 'Choose a scenario.' }).min(1, 'Choose a scenario.').max(64, 'Choose a scenario.'),
		title: optionalText('the exercise’s name', 160),
		eventId: optionalId('Choose one of the scheduled sessions, or none.'),
		areaId: optionalId('Choose one of the areas, or none.')
	})
	.strict();

export const moveExerciseSchema = z.object({ version }).strict();

export const releaseSchema = z.object({ injectId: id }).strict();

/** Control holds an inject back from the clock, or lets it go again. */
export const holdSchema = releaseSchema;

/** Control's short message to one syndicate, or (none chosen) to every syndicate. */
export const messageSchema = z
	.object({
		message: requiredText('the message', MESSAGE_MAX),
		to: optionalId('Choose one of the syndicates, or every syndicate.')
	})
	.strict();

export const observerNoteSchema = z
	.object({
		text: requiredLines('the note', 2000),
		syndicateId: optionalId('Choose one of the syndicates, or none.')
	})
	.strict();

/** `basePrompt`: the question the form was based on, so that a change by someone else in between is refused. */
export const boardPromptSchema = z.object({ prompt: optionalText('the question', 300), basePrompt: safeString().max(300).default('') }).strict();

export const joinSchema = z
	.object({
		code: z
			.string({ message: 'Enter the join code shown in the room.' })
			.transform((v, ctx) => {
				const code = normaliseJoinCode(v);
				if (!code) {
					ctx.addIssue({ code: 'custom', message: v.trim() ? 'A join code is 6 letters and numbers, as shown in the room.' : 'Enter the join code shown in the room.' });
					return z.NEVER;
				}
				return code;
			}),
		teamName: requiredText('your team’s name', 80),
		agency: agency('Choose the agency your team plays.')
	})
	.strict();

export const decisionSchema = z
	.object({
		injectId: safeString({}, { message: 'Choose the inject this decision answers.' }).min(1, 'Choose the inject this decision answers.').max(64),
		decision: requiredLines('the decision', 2000),
		rationale: optionalLines('the rationale', 2000),
		agency: agency('Choose the agency responsible.')
	})
	.strict();

export const boardPostSchema = z.object({ text: requiredLines('your answer', 1000) }).strict();

/** Control hides a board answer, saying why (for control and the trail, never shown to the room). */
export const hidePostSchema = z.object({ postId: id, reason: requiredText('why it is hidden', 300) }).strict();

/** Control shows a held answer, or restores a hidden one. */
export const showPostSchema = z.object({ postId: id }).strict();

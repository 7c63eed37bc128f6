// Forms of mental models and workshop surveys.
import { z } from 'zod';
import { optionalLines, requiredText, safeString, version } from './common';
import { PARTICIPANT_SECTORS } from '$lib/domain/surveys';

const id = safeString().trim().min(1, 'Choose one.').max(64);
const ids = z
	.union([safeString(), z.array(safeString())])
	.optional()
	.transform((v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]).map((s) => s.trim()).filter(Boolean))
	.pipe(z.array(safeString().max(64)).max(500, 'Choose at most 500.'));

const statement = requiredText('a statement', 300);

const modelFields = {
	title: requiredText('a title', 160),
	description: optionalLines('the description', 4000),
	actorIds: ids,
	handoffIds: ids
};

export const createModelSchema = z.object({ ...modelFields, statement }).strict();
export const updateModelSchema = z.object({ ...modelFields, version }).strict();
export const deleteModelSchema = z.object({ version }).strict();
export const addStatementSchema = z.object({ text: statement }).strict();
/** `baseText`: the wording the form was based on, so that a rewording by someone else in between is refused. */
const baseText = safeString().max(300);
export const editStatementSchema = z.object({ id, text: statement, baseText }).strict();
// Removing is a second button of the statement's edit form, so the form's text and base come along and are ignored.
export const removeStatementSchema = z.object({ id, text: safeString().max(2000).optional(), baseText: baseText.optional() }).strict();

export const openRoundSchema = z
	.object({
		label: requiredText('a name for the round', 80),
		statementIds: ids.refine((v) => v.length > 0, 'Tick at least one statement to ask.')
	})
	.strict();

export const roundStatusSchema = z.object({ version }).strict();

const CHOOSE = 'Choose how far you agree.';
const score = z
	.string({ message: CHOOSE })
	.regex(/^[1-5]$/, CHOOSE)
	.transform(Number);

/**
 * The answer form of one round: a score `s_<statement id>` for each statement it asks, an optional sector and comment.
 * Built per round, so an answer naming any other statement is an unknown field and refused.
 */
export function answerSchema(statementIds: readonly string[]) {
	return z
		.object({
			sector: z
				.union([z.enum(PARTICIPANT_SECTORS as [string, ...string[]], { message: 'Choose a sector from the list.' }), z.literal('')])
				.optional()
				.transform((v) => v || null),
			comment: optionalLines('your comment', 2000),
			...Object.fromEntries(statementIds.map((s) => [`s_${s}`, score]))
		})
		.strict();
}

// Forms of a Hydra debrief's learning points. Making one an action uses the action plan's own form (createActionSchema).
import { z } from 'zod';
import { requiredText } from './common';

const id = z.string().trim().min(1, 'Choose one.').max(64);
const optionalInject = z
	.string()
	.trim()
	.max(64)
	.optional()
	.transform((v) => v || null);
/** The fingerprint of the point as the person read it (see revisionOf). */
const revision = z.string().trim().regex(/^[0-9a-f]{16}$/, 'Reload the page and try again.');

const pointFields = {
	text: requiredText('the learning point', 1000),
	injectId: optionalInject
};

export const addLearningPointSchema = z.object(pointFields).strict();
export const editLearningPointSchema = z.object({ ...pointFields, id, revision }).strict();
export const deleteLearningPointSchema = z.object({ id, revision }).strict();

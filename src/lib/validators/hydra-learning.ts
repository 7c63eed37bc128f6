// Forms of a Hydra debrief's learning points. Making one an action uses the action plan's own form (createActionSchema).
import { z } from 'zod';
import { requiredLines, safeString, version } from './common';

const id = safeString().trim().min(1, 'Choose one.').max(64);
const optionalInject = safeString()
	.trim()
	.max(64)
	.optional()
	.transform((v) => v || null);

const pointFields = {
	text: requiredLines('the learning point', 1000),
	injectId: optionalInject
};

export const addLearningPointSchema = z.object(pointFields).strict();
export const editLearningPointSchema = z.object({ ...pointFields, id, version }).strict();
export const deleteLearningPointSchema = z.object({ id, version }).strict();

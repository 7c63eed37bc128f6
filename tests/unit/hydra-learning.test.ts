import { describe, expect, it } from 'vitest';
import { fieldErrors } from '$lib/server/forms';
import { addLearningPointSchema, deleteLearningPointSchema, editLearningPointSchema } from '$lib/validators/hydra-learning';

describe('learning point forms', () => {
	it('need the words, at most 1,000 characters, and take an inject only when one is chosen', () => {
		expect(addLearningPointSchema.parse({ text: '  Share the risk grade at once. ', injectId: '' })).toEqual({ text: 'Share the risk grade at once.', injectId: null });
		expect(fieldErrors(addLearningPointSchema.safeParse({ text: '   ' }).error!)).toEqual({ text: 'Enter the learning point.' });
		expect(addLearningPointSchema.safeParse({ text: 'x'.repeat(1000) }).success).toBe(true);
		expect(fieldErrors(addLearningPointSchema.safeParse({ text: 'x'.repeat(1001) }).error!).text).toMatch(/1000 characters/);
		expect(fieldErrors(addLearningPointSchema.safeParse({ text: 'A point', actionId: 'forged' }).error!)._form).toContain('actionId');
	});

	it('edits and removals name the point and the version read', () => {
		expect(editLearningPointSchema.safeParse({ id: 'p1', version: '3', text: 'A point' }).success).toBe(true);
		expect(fieldErrors(editLearningPointSchema.safeParse({ id: 'p1', version: 'nope', text: 'A point' }).error!).version).toBeDefined();
		expect(deleteLearningPointSchema.safeParse({ id: 'p1' }).success).toBe(false);
	});
});

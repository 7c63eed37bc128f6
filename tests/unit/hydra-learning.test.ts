import { describe, expect, it } from 'vitest';
import { fieldErrors } from '$lib/server/forms';
import { addLearningPointSchema, deleteLearningPointSchema, editLearningPointSchema } from '$lib/validators/hydra-learning';
import { revisionOf } from '$lib/server/hydra/learning';

describe('learning point forms', () => {
	it('need the words, at most 1,000 characters, and take an inject only when one is chosen', () => {
		expect(addLearningPointSchema.parse({ text: '  Share the risk grade at once. ', injectId: '' })).toEqual({ text: 'Share the risk grade at once.', injectId: null });
		expect(fieldErrors(addLearningPointSchema.safeParse({ text: '   ' }).error!)).toEqual({ text: 'Enter the learning point.' });
		expect(addLearningPointSchema.safeParse({ text: 'x'.repeat(1000) }).success).toBe(true);
		expect(fieldErrors(addLearningPointSchema.safeParse({ text: 'x'.repeat(1001) }).error!).text).toMatch(/1000 characters/);
		expect(fieldErrors(addLearningPointSchema.safeParse({ text: 'A point', actionId: 'forged' }).error!)._form).toContain('actionId');
	});

	it('edits and removals name the point and the revision read', () => {
		const revision = revisionOf({ text: 'A point', injectId: null });
		expect(editLearningPointSchema.safeParse({ id: 'p1', revision, text: 'A point' }).success).toBe(true);
		expect(fieldErrors(editLearningPointSchema.safeParse({ id: 'p1', revision: 'nope', text: 'A point' }).error!).revision).toBeDefined();
		expect(deleteLearningPointSchema.safeParse({ id: 'p1' }).success).toBe(false);
	});
});

describe('a learning point’s revision', () => {
	it('changes with its words or its inject, and only then', () => {
		const read = revisionOf({ text: 'A point', injectId: 'i1' });
		expect(read).toMatch(/^[0-9a-f]{16}$/);
		expect(revisionOf({ text: 'A point', injectId: 'i1' })).toBe(read);
		expect(revisionOf({ text: 'A point.', injectId: 'i1' })).not.toBe(read);
		expect(revisionOf({ text: 'A point', injectId: null })).not.toBe(read);
		// The separator keeps "ab" + "c" apart from "a" + "bc".
		expect(revisionOf({ text: 'ab', injectId: 'c' })).not.toBe(revisionOf({ text: 'a', injectId: 'bc' }));
	});
});

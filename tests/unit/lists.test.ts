import { describe, expect, it } from 'vitest';
import { firstOf } from '$lib/domain/lists';

describe('the first items of a long list', () => {
	it('keeps the first ones and says how many there are', () => {
		expect(firstOf([1, 2, 3, 4, 5], 3)).toEqual({ items: [1, 2, 3], total: 5 });
	});

	it('keeps a short list whole', () => {
		expect(firstOf(['a'], 3)).toEqual({ items: ['a'], total: 1 });
	});

	it('gives every item when asked for all', () => {
		expect(firstOf([1, 2, 3, 4, 5], 3, true)).toEqual({ items: [1, 2, 3, 4, 5], total: 5 });
	});
});

import { describe, expect, it } from 'vitest';
import { auditDiff, bucketsOfKind, bucketLabel } from '$lib/domain/admin';
import { auditFilterSchema } from '$lib/validators/admin';

describe('auditDiff', () => {
	it('puts before and after side by side and marks what changed', () => {
		expect(auditDiff({ name: 'A', role: 'partner', note: null }, { name: 'A', role: 'admin', version: 2 })).toEqual([
			{ field: 'name', before: 'A', after: 'A', changed: false },
			{ field: 'role', before: 'partner', after: 'admin', changed: true },
			{ field: 'note', before: '(empty)', after: null, changed: true },
			{ field: 'version', before: null, after: '2', changed: true }
		]);
	});

	it('shows a create with nothing before, and nested values as JSON', () => {
		expect(auditDiff(null, { tags: ['a'] })).toEqual([{ field: 'tags', before: null, after: '["a"]', changed: true }]);
		expect(auditDiff(null, null)).toEqual([]);
	});
});

describe('rate-limit buckets', () => {
	it('sorts each limit by what its key is', () => {
		expect(bucketsOfKind('account')).toEqual(expect.arrayContaining(['sign-in:account', 'two-factor', 'reset:account']));
		expect(bucketsOfKind('account')).not.toContain('sign-in:address');
		expect(bucketsOfKind('address')).toContain('hero-sign-up');
		expect(bucketLabel('unknown-bucket')).toBe('unknown-bucket');
	});
});

describe('audit filters', () => {
	it('takes empty fields as no filter, and refuses an end before the start', () => {
		expect(auditFilterSchema.parse({ area: '', from: '', page: '' })).toEqual({ page: 1 });
		expect(auditFilterSchema.safeParse({ from: '2026-03-02', to: '2026-03-01' }).success).toBe(false);
		expect(auditFilterSchema.safeParse({ from: '2026-13-45' }).success).toBe(false);
	});
});

describe('canonical JSON for backup checksums', () => {
	it('gives the same text whatever order the keys came in, and keeps array order', async () => {
		const { canonicalJson } = await import('$lib/domain/backup');
		expect(canonicalJson({ b: 1, a: { d: [2, 1], c: 'x' } })).toBe('{"a":{"c":"x","d":[2,1]},"b":1}');
		expect(canonicalJson({ a: { c: 'x', d: [2, 1] }, b: 1 })).toBe(canonicalJson({ b: 1, a: { d: [2, 1], c: 'x' } }));
		expect(canonicalJson({ a: undefined, b: null })).toBe('{"b":null}');
	});
});

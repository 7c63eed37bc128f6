import { describe, expect, it } from 'vitest';
import { count, jsonDepthExceeds, megabytes } from '$lib/domain/uploads';
import { maskMailTokens } from '$lib/domain/mail-links';

describe('JSON depth', () => {
	it('counts nesting of arrays and objects, not brackets inside strings or escaped quotes', () => {
		expect(jsonDepthExceeds('{"a":[{"b":[1]}]}', 4)).toBe(false);
		expect(jsonDepthExceeds('{"a":[{"b":[1]}]}', 3)).toBe(true);
		expect(jsonDepthExceeds(`{"a":"${'['.repeat(100)}"}`, 2)).toBe(false);
		expect(jsonDepthExceeds(`{"a":"\\"${'{'.repeat(100)}"}`, 2)).toBe(false);
		expect(jsonDepthExceeds(`${'['.repeat(1_000_000)}`, 32)).toBe(true);
	});

	it('reads limits as people do', () => {
		expect(megabytes(20 * 1024 * 1024)).toBe('20 MB');
		expect(megabytes(1.5 * 1024 * 1024)).toBe('1.5 MB');
		expect(count(5000)).toBe('5,000');
	});
});

describe('mail links', () => {
	it('masks the token of every link that works by one, leaving other links whole', () => {
		const token = 'abcdefghijklmnopqrstuvwxyz234567';
		const text = [
			`https://homeward.example/reset-password/${token}`,
			`https://homeward.example/invitation/${token}`,
			`https://homeward.example/consultation/manage/${token}`,
			`<https://homeward.example/search-heroes/unsubscribe/${token}>`,
			`https://homeward.example/search-heroes/preferences/${token}`,
			`https://homeward.example/search-heroes/confirm/${token}`,
			`https://homeward.example/consultation?offer=${token}`,
			'https://homeward.example/appeals/k2x9q4'
		].join('\n');
		const masked = maskMailTokens(text);
		expect(masked).not.toContain(token);
		expect(masked.match(/…4567/g)).toHaveLength(7);
		expect(masked).toContain('/consultation?offer=…4567');
		expect(masked).toContain('/reset-password/…4567');
		expect(masked).toContain('<https://homeward.example/search-heroes/unsubscribe/…4567>');
		expect(masked).toContain('https://homeward.example/appeals/k2x9q4');
	});
});

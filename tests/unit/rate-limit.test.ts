import { describe, expect, it } from 'vitest';
import { backoffRetryAfter, backoffSeconds, windowRetryAfter, SIGN_IN_PER_ADDRESS, SIGN_IN_PER_ACCOUNT } from '$lib/domain/rate-limit';

const now = Date.parse('2026-11-26T10:00:00Z');
const ago = (seconds: number) => new Date(now - seconds * 1000);

describe('sliding window', () => {
	it('allows ten failures a minute and refuses the eleventh until the oldest leaves the window', () => {
		const nine = Array.from({ length: 9 }, (_, i) => ago(50 - i));
		expect(windowRetryAfter(nine, SIGN_IN_PER_ADDRESS, now)).toBe(0);
		const ten = [...nine, ago(1)];
		// The oldest of the ten was 50 s ago: it leaves the 60 s window in 10 s.
		expect(windowRetryAfter(ten, SIGN_IN_PER_ADDRESS, now)).toBe(10);
	});

	it('ignores attempts older than the window', () => {
		const old = Array.from({ length: 20 }, () => ago(61));
		expect(windowRetryAfter(old, SIGN_IN_PER_ADDRESS, now)).toBe(0);
	});
});

describe('growing delay per account', () => {
	it('is free for ten failures, then doubles from 30 s up to 15 minutes', () => {
		expect(backoffSeconds(9, SIGN_IN_PER_ACCOUNT)).toBe(0);
		expect(backoffSeconds(10, SIGN_IN_PER_ACCOUNT)).toBe(30);
		expect(backoffSeconds(11, SIGN_IN_PER_ACCOUNT)).toBe(60);
		expect(backoffSeconds(13, SIGN_IN_PER_ACCOUNT)).toBe(240);
		expect(backoffSeconds(40, SIGN_IN_PER_ACCOUNT)).toBe(900);
	});

	it('counts the wait from the latest failure', () => {
		const failures = Array.from({ length: 10 }, (_, i) => ago(100 + i));
		expect(backoffRetryAfter(failures, SIGN_IN_PER_ACCOUNT, now)).toBe(0); // 30 s delay long passed
		failures.push(ago(5));
		expect(backoffRetryAfter(failures, SIGN_IN_PER_ACCOUNT, now)).toBe(55); // 11 failures: 60 s, 5 s gone
	});
});

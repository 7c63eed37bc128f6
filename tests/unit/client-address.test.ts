import { describe, expect, it } from 'vitest';
import { withAddressFallback } from '$lib/server/client-address';

const missingHeader = () => {
	throw new Error('Address header was specified with ADDRESS_HEADER=x-forwarded-for but is absent from request');
};

describe('the client address behind a proxy', () => {
	it('uses the header when the adapter finds it, and warns about nothing', () => {
		const warnings: string[] = [];
		const address = withAddressFallback(() => '203.0.113.7', () => '10.0.0.1', (_d, m) => warnings.push(m), { done: false });
		expect(address()).toBe('203.0.113.7');
		expect(warnings).toEqual([]);
	});

	it('falls back to the connection when the header is missing, warning once for many requests', () => {
		const warnings: string[] = [];
		const state = { done: false };
		for (let i = 0; i < 3; i++) {
			const address = withAddressFallback(missingHeader, () => '10.0.0.1', (_d, m) => warnings.push(m), state);
			expect(address()).toBe('10.0.0.1');
		}
		expect(warnings).toHaveLength(1);
		expect(warnings[0]).toMatch(/ADDRESS_HEADER is set but a request came without that header/);
	});

	it('still fails when there is no connection address either', () => {
		const address = withAddressFallback(missingHeader, () => undefined, () => {}, { done: false });
		expect(address).toThrow(/absent from request/);
	});
});

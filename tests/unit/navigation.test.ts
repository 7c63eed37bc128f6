import { describe, expect, it } from 'vitest';
import { safeNext } from '$lib/domain/navigation';

describe('where to go after signing in', () => {
	it('keeps paths inside the app', () => {
		expect(safeNext('/app/areas/northbrook?tab=map')).toBe('/app/areas/northbrook?tab=map');
	});

	it('refuses other sites, protocol-relative and backslash tricks', () => {
		for (const next of ['https://evil.example', '//evil.example', '/\\evil.example', 'javascript:alert(1)', '', null]) {
			expect(safeNext(next)).toBe('/app');
		}
	});
});

describe('where to go after signing in, against browser quirks', () => {
	it('refuses paths a browser would turn into another site', () => {
		for (const next of ['/\t/evil.example', '/\n/evil.example', '/\r//evil.example']) {
			expect(safeNext(next)).toBe('/app');
		}
		expect(safeNext('/app/areas/x#map')).toBe('/app/areas/x#map');
	});
});

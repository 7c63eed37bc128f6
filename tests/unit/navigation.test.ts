import { describe, expect, it } from 'vitest';
import { addressWith, safeNext } from '$lib/domain/navigation';

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

describe('where to go after signing in, once normalised', () => {
	it('refuses paths that normalise to another site', () => {
		for (const next of [
			'/app/../..//evil.example',
			'/app/..//evil.example',
			'/./..//evil.example',
			'/app/%2e%2e/%2e%2e//evil.example',
			'/app/../..//evil.example?x=1#y',
			'/app/../..\\/evil.example',
			'/%2F/evil.example',
			'/%2fevil.example',
			'/%5Cevil.example',
			'/app/%2F%2Fevil.example',
			'/%09/evil.example',
			'/app/%0a',
			'/app/%E0%A4%A'
		]) {
			expect(safeNext(next), next).toBe('/app');
		}
	});

	it('keeps a normalised path inside the app, and encoded slashes in the query', () => {
		expect(safeNext('/app/areas/../areas/northbrook')).toBe('/app/areas/northbrook');
		expect(safeNext('/app/areas/x?next=%2Fapp%2Fy')).toBe('/app/areas/x?next=%2Fapp%2Fy');
		for (const next of ['/app', '/app/areas/northbrook?tab=map', '/app/../..//evil.example']) {
			const result = safeNext(next);
			expect(result.startsWith('/') && !result.startsWith('//')).toBe(true);
		}
	});
});

describe('addressWith', () => {
	const url = (path: string) => new URL(path, 'http://homeward.invalid');
	it('sets or removes one parameter and keeps the others', () => {
		expect(addressWith(url('/app/areas/northbrook/map?q=police&stage=after'), 'actor', 'a1')).toBe('/app/areas/northbrook/map?q=police&stage=after&actor=a1');
		expect(addressWith(url('/app/areas/northbrook/map?actor=a1&q=police'), 'actor', null)).toBe('/app/areas/northbrook/map?q=police');
		expect(addressWith(url('/app/areas/northbrook/map?actor=a1'), 'actor', null)).toBe('/app/areas/northbrook/map');
	});
	it('leaves out the form action a post without JavaScript was sent to', () => {
		expect(addressWith(url('/app/areas/northbrook/map?/addActor'), 'actor', 'a1')).toBe('/app/areas/northbrook/map?actor=a1');
		expect(addressWith(url('/app/areas/northbrook/map?q=gp&/editActor'), 'all', 'gaps')).toBe('/app/areas/northbrook/map?q=gp&all=gaps');
	});
});

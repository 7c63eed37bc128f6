import { describe, expect, it } from 'vitest';
import { isForbiddenCrossSiteForm } from '$lib/server/csrf';

const url = (path: string) => new URL(`http://localhost:3000${path}`);
const post = (headers: Record<string, string>, method = 'POST') => new Request('http://localhost:3000/x', { method, headers });
const form = { 'content-type': 'application/x-www-form-urlencoded' };

describe('cross-site form posts', () => {
	it('refuses a form post from another origin or with no origin, like SvelteKit', () => {
		expect(isForbiddenCrossSiteForm(post({ ...form, origin: 'https://attacker.example' }), url('/login'))).toBe(true);
		expect(isForbiddenCrossSiteForm(post(form), url('/search-heroes'))).toBe(true);
		expect(isForbiddenCrossSiteForm(post({ 'content-type': 'multipart/form-data; boundary=x' }), url('/app/appeals/new'))).toBe(true);
		expect(isForbiddenCrossSiteForm(post({ 'content-type': 'text/plain', origin: 'null' }, 'DELETE'), url('/x'))).toBe(true);
	});

	it('lets same-origin posts, reads and non-form bodies through', () => {
		expect(isForbiddenCrossSiteForm(post({ ...form, origin: 'http://localhost:3000' }), url('/login'))).toBe(false);
		expect(isForbiddenCrossSiteForm(new Request('http://localhost:3000/x'), url('/login'))).toBe(false);
		expect(isForbiddenCrossSiteForm(post({ 'content-type': 'application/json', origin: 'https://a.example' }), url('/x'))).toBe(false);
	});

	it('accepts the one-click unsubscribe post that mail providers send without an Origin, and nothing near it', () => {
		expect(isForbiddenCrossSiteForm(post(form), url('/search-heroes/unsubscribe/abc123'))).toBe(false);
		expect(isForbiddenCrossSiteForm(post({ 'content-type': 'multipart/form-data; boundary=x' }), url('/search-heroes/unsubscribe/abc123'))).toBe(false);
		expect(isForbiddenCrossSiteForm(post(form), url('/search-heroes/unsubscribe/abc/x'))).toBe(true);
		expect(isForbiddenCrossSiteForm(post(form), url('/search-heroes/preferences/abc123'))).toBe(true);
		expect(isForbiddenCrossSiteForm(post(form), url('/search-heroes/confirm/abc123'))).toBe(true);
	});
});

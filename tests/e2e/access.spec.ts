import { expect } from '@playwright/test';
import { ACCOUNTS, ORIGIN, expectAccessible, signIn, test } from './fixtures';

test('a partner of another area gets 404 for its page, data and actions', async ({ page }) => {
	await signIn(page, ACCOUNTS.partnerNorth);
	const response = await page.goto('/app/areas/southmere');
	expect(response?.status()).toBe(404);
	await expect(page.getByRole('heading', { name: 'Page not found' })).toBeVisible();
	await expectAccessible(page);
	for (const path of ['/app/areas/southmere/__data.json', '/app/areas/southmere/members/__data.json', '/app/areas/no-such-area/__data.json']) {
		expect((await page.request.get(path)).status(), path).toBe(404);
	}
	const post = await page.request.post('/app/areas/southmere?/update', {
		headers: { origin: ORIGIN },
		form: { name: 'Taken over', policeForce: 'x', localAuthorities: '', status: 'active', description: '', version: '1' }
	});
	expect(post.status()).toBe(404);
	// Their own area opens.
	expect((await page.goto('/app/areas/northbrook'))?.status()).toBe(200);
	await expect(page.getByRole('heading', { name: 'Northbrook', level: 1 })).toBeVisible();
	await expectAccessible(page);
});

test('signed-out visitors are sent to sign in and come back afterwards', async ({ page }) => {
	await page.goto('/app/areas/northbrook/members');
	await expect(page).toHaveURL(/\/login\?next=%2Fapp%2Fareas%2Fnorthbrook%2Fmembers/);
	await page.getByLabel('Email address').fill(ACCOUNTS.partnerNorth);
	await page.getByLabel('Password', { exact: true }).fill('e2e demo password');
	await page.getByRole('button', { name: 'Sign in' }).click();
	await expect(page).toHaveURL(/\/app\/areas\/northbrook\/members$/);
	await expect(page.getByRole('heading', { name: 'Members of Northbrook' })).toBeVisible();
	await expectAccessible(page);
});

test('a cross-origin form post gets 403', async ({ request }) => {
	const response = await request.post('/login', {
		headers: { origin: 'https://attacker.example' },
		form: { email: 'admin@homeward.test', password: 'anything' }
	});
	expect(response.status()).toBe(403);
	expect(response.headers()['x-content-type-options']).toBe('nosniff');
});

test('security headers are on pages, error pages and static files', async ({ page, request }) => {
	for (const path of ['/', '/login', '/no-such-page', '/favicon.svg', '/healthz']) {
		const response = await request.get(path);
		const headers = response.headers();
		expect(headers['x-content-type-options'], path).toBe('nosniff');
		expect(headers['content-security-policy'], path).toContain("frame-ancestors 'none'");
		expect(headers['referrer-policy'], path).toBeTruthy();
	}
	const html = (await request.get('/login')).headers()['content-security-policy'];
	expect(html).toMatch(/script-src 'self' 'nonce-/);
	await signIn(page, ACCOUNTS.viewerNorth);
	const signedIn = await page.request.get('/app');
	expect(signedIn.headers()['cache-control']).toBe('no-store');
});

test('viewers read an area but cannot edit it or manage members', async ({ page }) => {
	await signIn(page, ACCOUNTS.viewerNorth);
	await page.goto('/app/areas/northbrook');
	await expect(page.getByText('Edit area details')).toHaveCount(0);
	await page.goto('/app/areas/northbrook/members');
	await expect(page.getByRole('button', { name: /Invite/ })).toHaveCount(0);
	const post = await page.request.post('/app/areas/northbrook/members?/invite', {
		headers: { origin: ORIGIN },
		form: { email: 'sneaky@homeward.test', role: 'lead' }
	});
	expect(post.status()).toBe(404);
});

test('partners cannot open the admin pages', async ({ page }) => {
	await signIn(page, ACCOUNTS.partnerSouth);
	expect((await page.goto('/app/admin/users'))?.status()).toBe(403);
	expect((await page.goto('/app/admin/outbox'))?.status()).toBe(403);
	expect((await page.goto('/app/areas/new'))?.status()).toBe(403);
});

test('the health and readiness checks answer', async ({ request }) => {
	expect((await request.get('/healthz')).status()).toBe(200);
	const ready = await request.get('/readyz');
	expect(ready.status()).toBe(200);
	expect(await ready.json()).toEqual({ status: 'ready' });
});

// The `next` address after sign-in can never take a user to another site: not when already signed in, not after the
// password, not after the second factor. Each trick below once resolved to `//evil.example`.
import { expect, type Page } from '@playwright/test';
import { ACCOUNTS, PASSWORD, freshTotpCode, signIn, test } from './fixtures';

const TRICKS = ['/app/../..//evil.example', '/app/%2e%2e/%2e%2e//evil.example/', '/app/../..\\/evil.example'];

/** Answers for the hostile site, so that landing there shows up as a page rather than a DNS error. */
async function trapOtherSites(page: Page) {
	// By host: the app's own addresses carry the hostile text in their query string.
	await page.route((url) => url.hostname.endsWith('evil.example'), (route) => route.fulfill({ status: 200, contentType: 'text/html', body: '<h1>Evil</h1>' }));
}

async function expectStillHere(page: Page) {
	await expect(page.getByRole('heading', { name: 'My areas' })).toBeVisible();
	expect(new URL(page.url()).hostname).toBe('localhost');
	expect(new URL(page.url()).pathname).toBe('/app');
}

async function submitPassword(page: Page, email: string, next: string) {
	await page.goto(`/login?next=${encodeURIComponent(next)}`, { waitUntil: 'networkidle' });
	await page.getByLabel('Email address').fill(email);
	await page.getByLabel('Password', { exact: true }).fill(PASSWORD);
	await page.getByRole('button', { name: 'Sign in' }).click();
}

test('a signed-in user opening a sign-in link with a hostile next stays on the site', async ({ page }) => {
	await trapOtherSites(page);
	await signIn(page, ACCOUNTS.viewerNorth);
	for (const next of TRICKS) {
		await page.goto(`/login?next=${encodeURIComponent(next)}`);
		await expectStillHere(page);
	}
});

test('signing in with a password and a hostile next lands in the app', async ({ page }) => {
	await trapOtherSites(page);
	for (const next of TRICKS) {
		await page.context().clearCookies();
		await submitPassword(page, ACCOUNTS.partnerNorth, next);
		await expectStillHere(page);
	}
});

test('signing in with a second factor and a hostile next lands in the app', async ({ page }) => {
	await trapOtherSites(page);
	await submitPassword(page, ACCOUNTS.consultant2, TRICKS[0]);
	await expect(page.getByRole('heading', { name: 'Enter your code' })).toBeVisible();
	await page.getByLabel('Code').fill(await freshTotpCode(ACCOUNTS.consultant2));
	await page.getByRole('button', { name: 'Continue' }).click();
	await expectStillHere(page);
});

test('the second-factor form refuses a hostile next posted to it directly', async ({ page }) => {
	await trapOtherSites(page);
	await submitPassword(page, ACCOUNTS.consultant, '/app');
	await expect(page.getByRole('heading', { name: 'Enter your code' })).toBeVisible();
	await page.goto(`/login/two-factor?next=${encodeURIComponent(TRICKS[0])}`, { waitUntil: 'networkidle' });
	await page.getByLabel('Code').fill(await freshTotpCode(ACCOUNTS.consultant));
	await page.getByRole('button', { name: 'Continue' }).click();
	await expectStillHere(page);
	// Already past both steps: the two-factor page sends the user on, still inside the site.
	await page.goto(`/login/two-factor?next=${encodeURIComponent(TRICKS[0])}`);
	await expectStillHere(page);
});

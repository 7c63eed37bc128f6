import { expect } from '@playwright/test';
import { ACCOUNTS, ORIGIN, PASSWORD, expectAccessible, freshTotpCode, signIn, signOut, test } from './fixtures';

test('the public home page and sign-in page pass axe', async ({ page }) => {
	await page.goto('/');
	await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
	await expectAccessible(page);
	await page.getByRole('link', { name: 'Sign in' }).first().click();
	await expect(page.getByRole('heading', { name: 'Sign in' })).toBeVisible();
	await expectAccessible(page);
});

for (const [role, email] of Object.entries(ACCOUNTS)) {
	test(`${role} signs in, sees their areas, and signs out`, async ({ page, context }) => {
		await signIn(page, email);
		await expect(page.getByRole('heading', { name: 'My areas' })).toBeVisible();
		await expectAccessible(page);
		const cookie = (await context.cookies()).find((c) => c.name.includes('homeward_session'));
		expect(cookie?.httpOnly).toBe(true);
		expect(cookie?.sameSite).toBe('Lax');
		await signOut(page);
		await page.goto('/app');
		await expect(page).toHaveURL(/\/login\?next=%2Fapp/);
	});
}

test('partners see only their own areas; admins see every area and the admin menu', async ({ page }) => {
	await signIn(page, ACCOUNTS.partnerNorth);
	const areas = page.getByRole('table', { name: 'Your areas' }).getByRole('rowheader');
	await expect(areas).toHaveText(['Northbrook']);
	await expect(page.getByRole('link', { name: 'Admin', exact: true })).toHaveCount(0);
	await signOut(page);
	await signIn(page, ACCOUNTS.admin);
	await expect(page.getByRole('table', { name: 'Your areas' }).getByRole('rowheader')).toContainText(['Northbrook', 'Southmere']);
	await expect(page.getByRole('link', { name: 'Admin', exact: true })).toBeVisible();
});

test('sign-in works with the keyboard alone', async ({ page }) => {
	await page.goto('/login');
	await page.keyboard.press('Tab'); // skip link
	await expect(page.getByRole('link', { name: 'Skip to main content' })).toBeFocused();
	await page.getByLabel('Email address').focus();
	await page.keyboard.type(ACCOUNTS.consultant);
	await page.keyboard.press('Tab');
	await expect(page.getByLabel('Password', { exact: true })).toBeFocused();
	await page.keyboard.type(PASSWORD);
	await page.keyboard.press('Enter');
	await expect(page.getByRole('heading', { name: 'Enter your code' })).toBeVisible();
	await page.getByLabel('Code').focus();
	await page.keyboard.type(await freshTotpCode(ACCOUNTS.consultant));
	await page.keyboard.press('Enter');
	await expect(page.getByRole('heading', { name: 'My areas' })).toBeVisible();
});

test('a wrong password keeps the email, shows one message and signs nobody in', async ({ page }) => {
	await page.goto('/login');
	await page.getByRole('button', { name: 'Sign in' }).click();
	await expect(page.getByText('Enter an email address.')).toBeVisible();
	await expect(page.getByText('Enter your password.')).toBeVisible();
	await page.getByLabel('Email address').fill(ACCOUNTS.partnerSouth);
	await page.getByLabel('Password', { exact: true }).fill('not the password');
	await page.getByRole('button', { name: 'Sign in' }).click();
	await expect(page.getByText('The email address or password is not right.')).toBeVisible();
	await expect(page.getByLabel('Email address')).toHaveValue(ACCOUNTS.partnerSouth);
	await expect(page.getByLabel('Password', { exact: true })).toHaveValue('');
	await expectAccessible(page);
	await page.goto('/app');
	await expect(page).toHaveURL(/\/login/);
});

test.describe('from one address, without JavaScript', () => {
	// Without JavaScript the form posts natively, so the page itself carries the status a browser sees.
	test.use({ extraHTTPHeaders: { 'x-forwarded-for': '192.0.2.50' }, javaScriptEnabled: false });

	test('the 11th bad sign-in within a minute gets 429 with Retry-After', async ({ page }) => {
		await page.goto('/login');
		for (let attempt = 1; attempt <= 11; attempt++) {
			await page.getByLabel('Email address').fill(`nobody${attempt}@homeward.test`);
			await page.getByLabel('Password', { exact: true }).fill('wrong password');
			const [response] = await Promise.all([
				page.waitForResponse((r) => r.url().includes('/login') && r.request().method() === 'POST'),
				page.getByRole('button', { name: 'Sign in' }).click()
			]);
			await page.waitForLoadState();
			if (attempt <= 10) {
				expect(response.status(), `attempt ${attempt}`).toBe(400);
				await expect(page.getByText('The email address or password is not right.')).toBeVisible();
			} else {
				expect(response.status()).toBe(429);
				expect(Number(response.headers()['retry-after'])).toBeGreaterThan(0);
				await expect(page.getByText(/Too many attempts\. Try again in \d+ seconds?\./)).toBeVisible();
			}
		}
		// Even the right password waits.
		await page.getByLabel('Email address').fill(ACCOUNTS.consultant2);
		await page.getByLabel('Password', { exact: true }).fill(PASSWORD);
		await page.getByRole('button', { name: 'Sign in' }).click();
		await expect(page.getByText(/Too many attempts/)).toBeVisible();
		await expect(page).toHaveURL(/\/login/);
	});
});

// ORIGIN is http://localhost:<port> (playwright.config.ts); the same server also answers at 127.0.0.1.
const ELSEWHERE = ORIGIN.replace('localhost', '127.0.0.1');

test('sign-in opened at 127.0.0.1 while ORIGIN is localhost says which address to open', async ({ page }) => {
	await page.goto('/login', { waitUntil: 'networkidle' });
	await expect(page.getByText('This is not the address Homeward was set up for')).toHaveCount(0);
	await page.goto(`${ELSEWHERE}/login`, { waitUntil: 'networkidle' });
	await expect(page.getByText('This is not the address Homeward was set up for')).toBeVisible();
	await expect(page.getByRole('link', { name: ORIGIN })).toHaveAttribute('href', `${ORIGIN}/login`);
	await expectAccessible(page);
	await page.getByLabel('Email address').fill(ACCOUNTS.partnerNorth);
	await page.getByLabel('Password', { exact: true }).fill(PASSWORD);
	await page.getByRole('button', { name: 'Sign in' }).click();
	await expect(page.getByText(`This address is not the one Homeward was set up for: open ${ORIGIN}`)).toBeVisible();
	await expectAccessible(page);

	// The page a browser without JavaScript gets for the same post (submit() skips the enhanced handler), checked by axe.
	await page.goto(`${ELSEWHERE}/login`, { waitUntil: 'networkidle' });
	await page.getByLabel('Email address').fill(ACCOUNTS.partnerNorth);
	await page.getByLabel('Password', { exact: true }).fill(PASSWORD);
	await page.locator('form[method=POST]').evaluate((form: HTMLFormElement) => form.submit());
	await expect(page.getByRole('heading', { name: 'Open Homeward at its own address' })).toBeVisible();
	await expectAccessible(page);
});

test('without JavaScript, a sign-in posted from 127.0.0.1 gets a page naming ORIGIN, not a bare 403', async ({ browser }) => {
	const context = await browser.newContext({ javaScriptEnabled: false, extraHTTPHeaders: { 'x-forwarded-for': '127.0.0.1' } });
	const page = await context.newPage();
	await page.goto(`${ELSEWHERE}/login`);
	await page.getByLabel('Email address').fill(ACCOUNTS.partnerNorth);
	await page.getByLabel('Password', { exact: true }).fill(PASSWORD);
	const [response] = await Promise.all([page.waitForResponse(`${ELSEWHERE}/login`), page.getByRole('button', { name: 'Sign in' }).click()]);
	expect(response.status()).toBe(403);
	await expect(page.getByRole('heading', { name: 'Open Homeward at its own address' })).toBeVisible();
	await expect(page.getByText(`This address is not the one Homeward was set up for: open ${ORIGIN}`)).toBeVisible();
	await expect(page.getByRole('link', { name: ORIGIN })).toHaveAttribute('href', `${ORIGIN}/login`);
	await context.close();
});

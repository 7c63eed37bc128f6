import { expect } from '@playwright/test';
import { generateTOTP } from '@oslojs/otp';
import { decodeBase32IgnorePadding } from '@oslojs/encoding';
import { ACCOUNTS, PASSWORD as SEEDED_PASSWORD, expectAccessible, freshTotpCode, readLatestMail, signIn, signOut, test } from './fixtures';

const EMAIL = 'new.consultant@homeward.test';
const PASSWORD = 'quartz meadow lighthouse';

test('a new consultant must enrol an authenticator, then signs in with its code; wrong codes are refused and limited', async ({ page, browser }) => {
	await signIn(page, ACCOUNTS.admin);
	await page.goto('/app/admin/users');
	await page.getByLabel('Email address').fill(EMAIL);
	await page.getByLabel('Role', { exact: true }).selectOption('consultant');
	await page.getByRole('button', { name: 'Send invitation' }).click();
	await expect(page.getByText(`Invitation sent to ${EMAIL}.`)).toBeVisible();
	const link = (await readLatestMail(page, EMAIL)).match(/http\S+\/invitation\/\S+/)![0];

	const context = await browser.newContext({ extraHTTPHeaders: { 'x-forwarded-for': '127.0.0.21' } });
	const tab = await context.newPage();
	await tab.goto(link);
	await tab.getByLabel('Your name').fill('Nadia Newconsultant');
	await tab.getByLabel('Choose a password').fill(PASSWORD);
	await tab.getByLabel('Type the password again').fill(PASSWORD);
	await tab.getByRole('button', { name: 'Create my account' }).click();

	// Staff cannot go further without an authenticator.
	await expect(tab.getByRole('heading', { name: 'Set up your authenticator' })).toBeVisible();
	await expectAccessible(tab);
	await tab.goto('/app');
	await expect(tab).toHaveURL(/\/login\/two-factor\/setup/);
	const key = ((await tab.locator('code.key').textContent()) ?? '').replace(/\s/g, '');
	expect(key).toMatch(/^[A-Z2-7]{32}$/);
	const code = () => generateTOTP(decodeBase32IgnorePadding(key), 30, 6);
	// Each code works once: every code that must succeed comes from a step not yet spent.
	const unusedCode = () => freshTotpCode(EMAIL, key);
	await tab.getByLabel('Code').fill('000000' === code() ? '111111' : '000000');
	await tab.getByRole('button', { name: 'Turn on' }).click();
	await expect(tab.getByText(/That code is not right/)).toBeVisible();
	await tab.getByLabel('Code').fill(await unusedCode());
	await tab.getByRole('button', { name: 'Turn on' }).click();
	await expect(tab.getByRole('heading', { name: 'Save your recovery codes' })).toBeVisible();
	await expect(tab.getByRole('list', { name: 'Recovery codes' }).getByRole('listitem')).toHaveCount(8);
	await expectAccessible(tab);
	await tab.getByRole('link', { name: 'I have saved them: continue' }).click();
	await expect(tab.getByRole('heading', { name: 'My areas' })).toBeVisible();
	await signOut(tab);

	await tab.getByLabel('Email address').fill(EMAIL);
	await tab.getByLabel('Password', { exact: true }).fill(PASSWORD);
	await tab.getByRole('button', { name: 'Sign in' }).click();
	await expect(tab.getByRole('heading', { name: 'Enter your code' })).toBeVisible();
	await expectAccessible(tab);
	await tab.goto('/app');
	await expect(tab).toHaveURL(/\/login\/two-factor\?next=%2Fapp/);
	await tab.getByLabel('Code').fill(await unusedCode());
	await tab.getByRole('button', { name: 'Continue' }).click();
	await expect(tab.getByRole('heading', { name: 'My areas' })).toBeVisible();
	await signOut(tab);

	await tab.getByLabel('Email address').fill(EMAIL);
	await tab.getByLabel('Password', { exact: true }).fill(PASSWORD);
	await tab.getByRole('button', { name: 'Sign in' }).click();
	const bad = code() === '123456' ? '654321' : '123456';
	for (let attempt = 1; attempt <= 5; attempt++) {
		await tab.getByLabel('Code').fill(bad);
		await tab.getByRole('button', { name: 'Continue' }).click();
		await expect(tab.getByText(/That code is not right/)).toBeVisible();
	}
	await tab.getByLabel('Code').fill(await unusedCode());
	await tab.getByRole('button', { name: 'Continue' }).click();
	await expect(tab.getByText(/Too many wrong codes for this account, so codes are paused\. Try again in 15 minutes\./)).toBeVisible();
	await tab.goto('/app');
	await expect(tab).toHaveURL(/\/login\/two-factor/);
	// An admin can see why the user cannot get in, and for how long.
	await page.goto('/app/admin/rate-limits?bucket=two-factor');
	await expect(page.getByRole('row').filter({ hasText: EMAIL })).toContainText(/Limited for 1[45] minutes more/);
	await expectAccessible(page);
	await context.close();
});

test('a partner can add and remove an authenticator from their account', async ({ page }) => {
	await signIn(page, ACCOUNTS.partnerSouth);
	await page.getByRole('link', { name: 'Account' }).click();
	await page.getByRole('link', { name: 'Set up an authenticator' }).click();
	const key = ((await page.locator('code.key').textContent()) ?? '').replace(/\s/g, '');
	const code = () => freshTotpCode(ACCOUNTS.partnerSouth, key);
	await page.getByLabel('Code').fill(await code());
	await page.getByRole('button', { name: 'Turn on' }).click();
	await page.getByRole('link', { name: 'I have saved them: continue' }).click();
	await page.goto('/app/account');
	await expect(page.getByText('Unused recovery codes:')).toBeVisible();
	await expectAccessible(page);
	await page.getByLabel('Code from your authenticator, to turn it off').fill(await code());
	await page.getByRole('button', { name: 'Turn off two-step sign-in' }).click();
	await expect(page.getByText('Authenticator removed')).toBeVisible();
	await signOut(page);
	await signIn(page, ACCOUNTS.partnerSouth);
});

test('an authenticator code signs in once: a second browser given the same code is refused', async ({ browser }) => {
	const code = await freshTotpCode(ACCOUNTS.consultant2);
	const tabs = [];
	for (const address of ['127.0.0.31', '127.0.0.32']) {
		const context = await browser.newContext({ extraHTTPHeaders: { 'x-forwarded-for': address } });
		const tab = await context.newPage();
		await tab.goto('/login', { waitUntil: 'networkidle' });
		await tab.getByLabel('Email address').fill(ACCOUNTS.consultant2);
		await tab.getByLabel('Password', { exact: true }).fill(SEEDED_PASSWORD);
		await tab.getByRole('button', { name: 'Sign in' }).click();
		await expect(tab.getByRole('heading', { name: 'Enter your code' })).toBeVisible();
		tabs.push(tab);
	}
	const [first, second] = tabs;
	await first.getByLabel('Code').fill(code);
	await first.getByRole('button', { name: 'Continue' }).click();
	await expect(first.getByRole('heading', { name: 'My areas' })).toBeVisible();
	await second.getByLabel('Code').fill(code);
	await second.getByRole('button', { name: 'Continue' }).click();
	await expect(second.getByText('That code has already been used. Wait for the next code from your authenticator and enter that one.')).toBeVisible();
	await second.goto('/app');
	await expect(second).toHaveURL(/\/login\/two-factor/);
	for (const tab of tabs) await tab.context().close();
});

import { expect } from '@playwright/test';
import { ACCOUNTS, PASSWORD, expectAccessible, readLatestMail, signIn, signOut, test } from './fixtures';

test('a consultant invites a partner, who accepts in the browser and lands in the area', async ({ page, browser }) => {
	await signIn(page, ACCOUNTS.consultant);
	await page.goto('/app/areas/northbrook/members');
	await expectAccessible(page);
	await page.getByLabel('Email address').fill('new.partner@homeward.test');
	await page.getByLabel('What they can do').selectOption('editor');
	await page.getByRole('button', { name: 'Invite' }).click();
	await expect(page.getByText('Invitation sent to new.partner@homeward.test.')).toBeVisible();
	await expect(page.getByRole('cell', { name: 'new.partner@homeward.test' })).toBeVisible();
	await signOut(page);

	await signIn(page, ACCOUNTS.admin);
	const mail = await readLatestMail(page, 'new.partner@homeward.test');
	await expectAccessible(page);
	const link = mail.match(/http\S+\/invitation\/\S+/)![0];

	const invitee = await browser.newContext({ extraHTTPHeaders: { 'x-forwarded-for': '127.0.0.2' } });
	const tab = await invitee.newPage();
	await tab.goto(link);
	await expect(tab.getByRole('heading', { name: 'Accept your invitation' })).toBeVisible();
	await expectAccessible(tab);
	await tab.getByLabel('Your name').fill('Nia Newcomer');
	await tab.getByLabel('Choose a password').fill('password1');
	await tab.getByLabel('Type the password again').fill('password1');
	await tab.getByRole('button', { name: 'Create my account' }).click();
	await expect(tab.getByText(/commonly used passwords/)).toBeVisible();
	await expect(tab.getByLabel('Your name')).toHaveValue('Nia Newcomer');
	await tab.getByLabel('Choose a password').fill('kettle orchard lantern');
	await tab.getByLabel('Type the password again').fill('kettle orchard lanterns');
	await tab.getByRole('button', { name: 'Create my account' }).click();
	await expect(tab.getByText('The two passwords do not match.')).toBeVisible();
	await tab.getByLabel('Choose a password').fill('kettle orchard lantern');
	await tab.getByLabel('Type the password again').fill('kettle orchard lantern');
	await tab.getByRole('button', { name: 'Create my account' }).click();
	await expect(tab.getByText('Welcome. Your account is ready.')).toBeVisible();
	await expect(tab.getByRole('table', { name: 'Your areas' }).getByRole('rowheader')).toHaveText(['Northbrook']);

	// The link works once.
	const again = await browser.newContext();
	const second = await again.newPage();
	await second.goto(link);
	await expect(second.getByRole('heading', { name: 'This invitation cannot be used' })).toBeVisible();
	await invitee.close();
	await again.close();
});

test('password reset by emailed link signs the user in and ends the old session', async ({ page, browser }) => {
	const other = await browser.newContext({ extraHTTPHeaders: { 'x-forwarded-for': '127.0.0.3' } });
	const otherPage = await other.newPage();
	await signIn(otherPage, ACCOUNTS.partnerSouth);

	await page.goto('/login');
	await page.getByRole('link', { name: 'Forgotten your password?' }).click();
	await expectAccessible(page);
	await page.getByLabel('Email address').fill('not-an-email');
	await page.getByRole('button', { name: 'Send the link' }).click();
	await expect(page.getByText(/Enter an email address in the format/)).toBeVisible();
	await page.getByLabel('Email address').fill(ACCOUNTS.partnerSouth);
	await page.getByRole('button', { name: 'Send the link' }).click();
	await expect(page.getByText('Check your email')).toBeVisible();

	await signIn(page, ACCOUNTS.admin);
	const mail = await readLatestMail(page, ACCOUNTS.partnerSouth);
	const link = mail.match(/http\S+\/reset-password\/\S+/)![0];
	await signOut(page);

	await page.goto(link);
	await expectAccessible(page);
	// Reset to the same password so the other tests can still sign in.
	await page.getByLabel('New password', { exact: true }).fill(PASSWORD);
	await page.getByLabel('Type the new password again').fill(PASSWORD);
	await page.getByRole('button', { name: 'Save the new password' }).click();
	await expect(page.getByText('Your password has been changed and you are signed in.')).toBeVisible();

	await otherPage.goto('/app');
	await expect(otherPage).toHaveURL(/\/login/);
	await page.goto(link);
	await expect(page.getByRole('heading', { name: 'This reset link cannot be used' })).toBeVisible();
	await other.close();
});

test('an admin disables an account and its open session ends at once', async ({ page, browser }) => {
	const other = await browser.newContext({ extraHTTPHeaders: { 'x-forwarded-for': '127.0.0.4' } });
	const victim = await other.newPage();
	await signIn(victim, ACCOUNTS.consultant2);

	await signIn(page, ACCOUNTS.admin);
	await page.goto('/app/admin/users');
	await expectAccessible(page);
	page.once('dialog', (dialog) => dialog.accept());
	await page.getByRole('button', { name: 'Disable Morgan Consultant' }).click();
	await expect(page.getByText('Account disabled: its sessions have ended.')).toBeVisible();

	await victim.goto('/app');
	await expect(victim).toHaveURL(/\/login/);
	await page.getByRole('button', { name: 'Enable Morgan Consultant' }).click();
	await expect(page.getByText('Account enabled.')).toBeVisible();
	await signIn(victim, ACCOUNTS.consultant2);
	await other.close();
});

test('a consultant creates an area; bad input shows each error, keeps the values and creates nothing', async ({ page }) => {
	await signIn(page, ACCOUNTS.consultant);
	await page.getByRole('link', { name: 'New area' }).first().click();
	await expectAccessible(page);
	await page.getByLabel('Area name').fill('Westvale');
	await page.getByLabel('Web address').fill('Not A Slug!');
	await page.getByRole('button', { name: 'Create area' }).click();
	await expect(page.getByText(/Use lower-case letters, numbers and single hyphens/)).toBeVisible();
	await expect(page.getByText('Enter the police force.')).toBeVisible();
	await expect(page.getByLabel('Area name')).toHaveValue('Westvale');
	await expectAccessible(page);
	await page.goto('/app');
	await expect(page.getByRole('rowheader', { name: 'Westvale' })).toHaveCount(0);

	await page.goto('/app/areas/new');
	await page.getByLabel('Area name').fill('Westvale');
	await page.getByLabel('Web address').fill('northbrook');
	await page.getByLabel('Police force').fill('Westvale Police');
	await page.getByRole('button', { name: 'Create area' }).click();
	await expect(page.getByText('Another area already uses this web address. Choose another.')).toBeVisible();
	await page.getByLabel('Web address').fill('westvale');
	await page.getByRole('button', { name: 'Create area' }).click();
	await expect(page.getByRole('heading', { name: 'Westvale', level: 1 })).toBeVisible();
	await expect(page.getByText('Area created')).toBeVisible();

	await page.getByText('Edit area details').click();
	await page.getByLabel('Police force').fill('Westvale and Dunmoor Police');
	await page.getByRole('button', { name: 'Save details' }).click();
	await expect(page.getByText('Area details saved')).toBeVisible();
	await expect(page.getByRole('definition').filter({ hasText: 'Westvale and Dunmoor Police' })).toBeVisible();
});

test('changing the password ends the other sessions', async ({ page, browser }) => {
	const other = await browser.newContext({ extraHTTPHeaders: { 'x-forwarded-for': '127.0.0.5' } });
	const otherPage = await other.newPage();
	await signIn(otherPage, ACCOUNTS.viewerNorth);
	await signIn(page, ACCOUNTS.viewerNorth);
	await page.getByRole('link', { name: 'Account' }).click();
	await expectAccessible(page);
	await page.getByLabel('Current password').fill('wrong');
	await page.getByLabel('New password', { exact: true }).fill(PASSWORD);
	await page.getByLabel('Type the new password again').fill(PASSWORD);
	await page.getByRole('button', { name: 'Change password' }).click();
	await expect(page.getByText('Your current password is not right.')).toBeVisible();
	await page.getByLabel('Current password').fill(PASSWORD);
	await page.getByLabel('New password', { exact: true }).fill(PASSWORD);
	await page.getByLabel('Type the new password again').fill(PASSWORD);
	await page.getByRole('button', { name: 'Change password' }).click();
	await expect(page.getByText('Password changed')).toBeVisible();
	await page.goto('/app');
	await expect(page.getByRole('heading', { name: 'My areas' })).toBeVisible();
	await otherPage.goto('/app');
	await expect(otherPage).toHaveURL(/\/login/);
	await other.close();
});

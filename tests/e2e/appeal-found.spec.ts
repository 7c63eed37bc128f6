// When someone is found, staff remove their appeal and may tell the Search Heroes who received it: a short mail with
// nothing about the person.
import { expect } from '@playwright/test';
import { ACCOUNTS, expectAccessible, readLatestMail, readLatestMailAsSent, signIn, test } from './fixtures';

test('removing an appeal can tell the heroes who received it that the person was found, with no details', async ({ browser, page }) => {
	test.slow();
	const hero = 'sky.hero@example.test';
	const context = await browser.newContext({ extraHTTPHeaders: { 'x-forwarded-for': '127.0.1.41' } });
	const tab = await context.newPage();
	await tab.goto('/search-heroes');
	await tab.waitForLoadState('networkidle');
	await tab.getByLabel('Email address').fill(hero);
	await tab.getByLabel('Your region').selectOption({ label: 'Wales' });
	await tab.getByLabel(/I agree to receive emails with appeals/).check();
	await tab.getByRole('button', { name: 'Sign up' }).click();
	await expect(tab.getByText('Check your email')).toBeVisible();

	await signIn(page, ACCOUNTS.admin);
	const confirmLink = (await readLatestMail(page, hero)).match(/http\S+\/search-heroes\/confirm\/\S+/)![0];
	await tab.goto(confirmLink);
	await tab.getByRole('button', { name: 'Confirm my sign-up' }).click();
	await expect(tab.getByRole('heading', { name: 'You are a Digital Search Hero' })).toBeVisible();

	// An appeal in the hero's region reaches them in the digest.
	await page.goto('/app/appeals/new');
	await page.waitForLoadState('networkidle');
	await page.getByLabel('First name').fill('Tegwen');
	await page.getByLabel('Age').fill('34');
	await page.getByLabel('Region').selectOption({ label: 'Wales' });
	await page.getByLabel('Missing since').fill('2026-02-02');
	await page.getByLabel('Description').fill('Fictional test appeal: a long blue coat and a red umbrella.');
	await page.getByRole('button', { name: 'Publish the appeal' }).click();
	await expect(page.getByText('Appeal published')).toBeVisible();
	await page.getByRole('button', { name: 'Send the digest now' }).click();
	await expect(page.getByText('Digest sent')).toBeVisible();
	expect((await readLatestMailAsSent(page, hero)).subject).toContain('Tegwen');

	// She is found: the appeal goes, and the hero is told so, and nothing more.
	await page.goto('/app/appeals');
	const row = page.getByRole('row').filter({ has: page.getByRole('rowheader', { name: 'Tegwen' }) });
	await row.getByLabel('Tell the Search Heroes who received this appeal that the person has been found').check();
	await expectAccessible(page);
	page.once('dialog', (dialog) => dialog.accept());
	await row.getByRole('button', { name: 'Remove the appeal for Tegwen' }).click();
	await expect(page.getByText('The Search Heroes who received it are being told that the person has been found.')).toBeVisible();
	await expect(page.getByRole('rowheader', { name: 'Tegwen' })).toHaveCount(0);
	await expectAccessible(page);
	await page.screenshot({ path: `${process.env.E2E_RESULTS ?? 'test-results'}/appeal-found.png`, fullPage: true });

	const told = await readLatestMailAsSent(page, hero);
	expect(told.subject).toBe('Good news: someone you looked out for has been found');
	for (const detail of ['Tegwen', 'Wales', 'blue coat', '34']) expect(`${told.subject}\n${told.text}`.split('/search-heroes/')[0]).not.toContain(detail);
	await context.close();
});

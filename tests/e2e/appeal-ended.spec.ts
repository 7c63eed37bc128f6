// A shared link to an appeal that has ended: the page says so, shows nothing of the appeal, and points to current ones.
import { expect } from '@playwright/test';
import { ACCOUNTS, expectAccessible, signIn, test } from './fixtures';

test('a link to a removed appeal says the appeal has ended, keeps no details and points to the open appeals', async ({ page, browser }) => {
	await signIn(page, ACCOUNTS.consultant);
	await page.goto('/app/appeals');
	await page.getByRole('link', { name: 'Publish an appeal' }).click();
	await page.waitForLoadState('networkidle');
	await page.getByLabel('First name').fill('Wrenna');
	await page.getByLabel('Age').fill('71');
	await page.getByLabel('Region').selectOption({ label: 'London' });
	await page.getByLabel('Missing since').fill('2026-11-30');
	await page.getByLabel('Description').fill('Fictional test appeal. Blue anorak, walking stick.');
	await page.getByRole('button', { name: 'Publish the appeal' }).click();
	await expect(page.getByText('Appeal published')).toBeVisible();

	const visitor = await (await browser.newContext({ extraHTTPHeaders: { 'x-forwarded-for': '127.0.1.61' } })).newPage();
	await visitor.goto('/appeals');
	await visitor.getByRole('link', { name: 'Wrenna' }).click();
	await expect(visitor.getByRole('heading', { level: 1, name: 'Missing: Wrenna' })).toBeVisible();
	const shared = visitor.url();

	await page.goto('/app/appeals');
	page.once('dialog', (dialog) => dialog.accept());
	await page.getByRole('button', { name: 'Remove the appeal for Wrenna' }).click();
	await expect(page.getByText('Appeal removed')).toBeVisible();

	const response = await visitor.goto(shared);
	expect(response?.status()).toBe(404);
	await expect(visitor.getByRole('heading', { level: 1, name: 'This appeal has ended' })).toBeVisible();
	await expect(visitor.getByText('keep none of its details')).toBeVisible();
	// Nothing of the appeal, and none of the staff page's "your areas".
	const shown = (await visitor.locator('body').textContent()) ?? '';
	for (const detail of ['Wrenna', '71', 'Blue anorak', 'London']) expect(shown).not.toContain(detail);
	await expect(visitor.getByRole('link', { name: 'your areas' })).toHaveCount(0);
	await expectAccessible(visitor);
	await visitor.getByRole('link', { name: 'See the appeals open now' }).click();
	await expect(visitor).toHaveURL(/\/appeals$/);
	await expect(visitor.getByRole('link', { name: 'Wrenna' })).toHaveCount(0);
});

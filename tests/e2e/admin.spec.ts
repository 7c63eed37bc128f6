// Administration: disabling a signed-in partner, changing roles, and the areas, audit and rate-limit pages.
import { expect, test } from '@playwright/test';
import { ACCOUNTS, expectAccessible, signIn } from './fixtures';

test('an admin disables a partner signed in elsewhere: the partner’s next click lands on sign-in', async ({ page, browser }) => {
	const other = await browser.newContext({ extraHTTPHeaders: { 'x-forwarded-for': '127.0.0.21' } });
	const partner = await other.newPage();
	await signIn(partner, ACCOUNTS.partnerNorth);
	await expect(partner.getByRole('link', { name: 'Northbrook' })).toBeVisible();

	await signIn(page, ACCOUNTS.admin);
	await page.getByRole('link', { name: 'Admin', exact: true }).click();
	await expect(page.getByRole('heading', { name: 'Users' })).toBeVisible();
	await expectAccessible(page);
	page.once('dialog', (dialog) => dialog.accept());
	await page.getByRole('button', { name: 'Disable Priya North' }).click();
	await expect(page.getByText('Account disabled: its sessions have ended.')).toBeVisible();

	await partner.getByRole('link', { name: 'Northbrook' }).click();
	await expect(partner).toHaveURL(/\/login/);
	await expect(partner.getByLabel('Email address')).toBeVisible();
	await expectAccessible(partner);

	await page.getByRole('button', { name: 'Enable Priya North' }).click();
	await expect(page.getByText('Account enabled.')).toBeVisible();
	await other.close();
});

test('an admin changes a role, sees it in the audit log side by side, and cannot change their own', async ({ page }) => {
	await signIn(page, ACCOUNTS.admin);
	await page.goto('/app/admin/users');
	const row = page.getByRole('row').filter({ hasText: ACCOUNTS.viewerNorth });
	await row.getByLabel('Role of Vic Viewer').selectOption('consultant');
	await row.getByRole('button', { name: 'Change role of Vic Viewer' }).click();
	await expect(page.getByText('Vic Viewer is now Consultant.')).toBeVisible();
	// No role control on one's own row.
	await expect(page.getByLabel('Role of Alex Admin')).toHaveCount(0);
	await page.getByRole('row').filter({ hasText: ACCOUNTS.viewerNorth }).getByLabel('Role of Vic Viewer').selectOption('partner');
	await page.getByRole('button', { name: 'Change role of Vic Viewer' }).click();
	await expect(page.getByText('Vic Viewer is now Local partner.')).toBeVisible();

	await page.getByRole('navigation', { name: 'Administration' }).getByRole('link', { name: 'Audit log' }).click();
	await expectAccessible(page);
	await page.getByLabel('Entity').selectOption('user');
	await page.getByLabel('User').selectOption({ label: `Alex Admin (${ACCOUNTS.admin})` });
	await page.getByRole('button', { name: 'Filter' }).click();
	await expect(page).toHaveURL(/entity=user/);
	const latest = page.getByRole('listitem').filter({ hasText: 'role user' }).first();
	await latest.getByText(/Before and after/).click();
	const roleLine = latest.getByRole('row', { name: /^role/ });
	await expect(roleLine.getByRole('cell')).toHaveText(['consultant', 'partner']);
	await expectAccessible(page);
	await page.getByLabel('From').fill('2001-01-02');
	await page.getByLabel('To').fill('2001-01-01');
	await page.getByRole('button', { name: 'Filter' }).click();
	await expect(page.getByText('The end date must not be before the start date.')).toBeVisible();
});

test('areas, rate limits and outbox pages list what they hold and pass axe', async ({ page }) => {
	await signIn(page, ACCOUNTS.admin);
	await page.goto('/app/admin/areas');
	const northbrook = page.getByRole('row').filter({ has: page.getByRole('rowheader', { name: 'Northbrook' }) });
	await expect(northbrook).toContainText('Casey Consultant');
	await expectAccessible(page);

	await page.goto('/app/admin/rate-limits');
	await expect(page.getByRole('rowheader', { name: 'Sign-in, per address' }).first()).toBeVisible();
	await page.getByLabel('Key kind').selectOption('account');
	await page.getByRole('button', { name: 'Filter' }).click();
	await expect(page.getByRole('rowheader', { name: 'Sign-in, per address' })).toHaveCount(0);
	await expectAccessible(page);

	await page.goto('/app/admin/outbox');
	await expectAccessible(page);
});

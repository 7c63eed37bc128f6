// Administration: disabling a signed-in partner, changing roles, and the areas, audit and rate-limit pages.
import { expect } from '@playwright/test';
import { ACCOUNTS, ORIGIN, expectAccessible, signIn, test } from './fixtures';

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
	await row.getByLabel('Role of Vic Viewer', { exact: true }).selectOption('consultant');
	await row.getByRole('button', { name: 'Change role of Vic Viewer' }).click();
	await expect(page.getByText('Vic Viewer is now Consultant.')).toBeVisible();
	// No role control on one's own row.
	await expect(page.getByLabel('Role of Alex Admin')).toHaveCount(0);
	await page.getByRole('row').filter({ hasText: ACCOUNTS.viewerNorth }).getByLabel('Role of Vic Viewer', { exact: true }).selectOption('partner');
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

test('areas, rate limits and outbox pages list what they hold and pass axe', async ({ page, playwright }) => {
	// A failed sign-in from elsewhere: counted per address and per account.
	const stranger = await playwright.request.newContext({ baseURL: ORIGIN, extraHTTPHeaders: { 'x-forwarded-for': '192.0.2.77', origin: ORIGIN } });
	await stranger.post('/login', { form: { email: 'nobody@homeward.test', password: 'not the password' }, headers: { accept: 'text/html' } });
	await stranger.dispose();
	await signIn(page, ACCOUNTS.admin);
	await page.goto('/app/admin/areas');
	const northbrook = page.getByRole('row').filter({ has: page.getByRole('rowheader', { name: 'Northbrook' }) });
	await expect(northbrook).toContainText('Casey Consultant');
	await expectAccessible(page);

	await page.goto('/app/admin/rate-limits');
	await expect(page.getByRole('row').filter({ hasText: '192.0.2.77' })).toContainText('Sign-in, per address');
	await page.getByLabel('Key kind').selectOption('account');
	await page.getByRole('button', { name: 'Filter' }).click();
	// Other tests count other kinds of attempt for the same address (a password reset): the sign-in row is the one here.
	await expect(page.getByRole('row').filter({ hasText: 'nobody@homeward.test' }).filter({ hasText: 'Failed sign-in, per account' })).toHaveCount(1);
	await expect(page.getByRole('rowheader', { name: 'Sign-in, per address' })).toHaveCount(0);
	await expectAccessible(page);

	// Mail goes out through the e2e server's SMTP sink: a reset mail is sent, so the sent filter lists it, and the
	// filter for mail the worker gave up on shows none.
	const resetFor = await playwright.request.newContext({ baseURL: ORIGIN, extraHTTPHeaders: { 'x-forwarded-for': '192.0.2.78', origin: ORIGIN } });
	await resetFor.post('/reset-password', { form: { email: ACCOUNTS.partnerSouth }, headers: { accept: 'text/html' } });
	await resetFor.dispose();
	await page.goto('/app/admin/outbox');
	await page.getByLabel('Status').selectOption('sent');
	await expect
		.poll(async () => {
			await page.getByRole('button', { name: 'Show' }).click();
			return page.getByRole('row').filter({ hasText: ACCOUNTS.partnerSouth }).count();
		})
		.toBeGreaterThan(0);
	await expect(page.getByRole('row').filter({ hasText: 'pending' })).toHaveCount(0);
	await expectAccessible(page);
	await page.getByLabel('Status').selectOption('failed');
	await page.getByRole('button', { name: 'Show' }).click();
	await expect(page.getByText('No failed mail')).toBeVisible();
});

test('an admin finds, exports and erases an address; an invitation to it is then refused', async ({ page }) => {
	const address = 'erasable.person@homeward.test';
	await signIn(page, ACCOUNTS.admin);
	await page.goto('/app/admin/users');
	await page.getByLabel('Email address').fill(address);
	await page.getByRole('button', { name: 'Send invitation' }).click();
	await expect(page.getByText(`Invitation sent to ${address}.`)).toBeVisible();

	await page.getByRole('navigation', { name: 'Administration' }).getByRole('link', { name: 'People' }).click();
	await expectAccessible(page);
	await page.getByLabel('Email address').fill(address.toUpperCase());
	await page.getByRole('button', { name: 'Search' }).click();
	await expect(page.getByRole('heading', { name: `What Homeward holds about ${address}` })).toBeVisible();
	await expect(page.getByRole('heading', { name: 'Invitations: 1 record' })).toBeVisible();
	await expectAccessible(page);

	const downloading = page.waitForEvent('download');
	await page.getByRole('button', { name: 'Download as JSON' }).click();
	const download = await downloading;
	expect(download.suggestedFilename()).toMatch(/^subject-access-\d{4}-\d{2}-\d{2}\.json$/);
	const exported = JSON.parse(await (await download.createReadStream()).toArray().then((chunks) => Buffer.concat(chunks).toString('utf8')));
	expect(exported.sources.invitations.records[0].email).toBe(address);

	// Without the tick, nothing is erased.
	page.once('dialog', (dialog) => dialog.accept());
	await page.getByRole('button', { name: 'Erase' }).click();
	await expect(page.getByText('Tick the box to confirm')).toBeVisible();
	await page.getByLabel('Yes, erase everything found for this address').check();
	page.once('dialog', (dialog) => dialog.accept());
	await page.getByRole('button', { name: 'Erase' }).click();
	await expect(page.getByText(`records about ${address} were deleted or anonymised`)).toBeVisible();
	await expect(page.getByText(/Erased on .*: invitations refuse this address/)).toBeVisible();
	await expectAccessible(page);

	await page.goto('/app/admin/users');
	await page.getByLabel('Email address').fill(address);
	await page.getByRole('button', { name: 'Send invitation' }).click();
	await expect(page.getByText(/erased at its owner’s request/)).toBeVisible();
});

test('the retention page shows each kind of personal data, its period and what is due next', async ({ page }) => {
	await signIn(page, ACCOUNTS.admin);
	await page.goto('/app/admin/retention');
	const unsubscribed = page.getByRole('row').filter({ has: page.getByRole('rowheader', { name: /Search Heroes who unsubscribed/ }) });
	await expect(unsubscribed).toContainText('365 days after unsubscribing');
	// The demo seed's leaver unsubscribed 350 days ago: due within the month.
	await expect(unsubscribed.getByRole('cell').last()).toHaveText('1');
	await expect(page.getByRole('rowheader', { name: 'Audit trail' })).toBeVisible();
	await expectAccessible(page);
});

test('an admin downloads an area backup and restores it as a new area; an altered file is refused', async ({ page }) => {
	await signIn(page, ACCOUNTS.admin);
	await page.goto('/app/admin/areas');
	const downloading = page.waitForEvent('download');
	await page.getByRole('link', { name: 'Download a backup of Southmere' }).click();
	const download = await downloading;
	const text = Buffer.concat(await (await download.createReadStream()).toArray()).toString('utf8');
	expect(JSON.parse(text).format).toBe('homeward-area-backup');

	await page.getByRole('link', { name: 'Restore an area from a backup' }).click();
	await expectAccessible(page);
	const altered = text.replace('"Southmere"', '"Southmere (edited)"');
	await page.getByLabel('Backup file').setInputFiles({ name: 'altered.json', mimeType: 'application/json', buffer: Buffer.from(altered) });
	await page.getByLabel('Web address of the new area').fill('southmere-restored');
	await page.getByRole('button', { name: 'Restore the area' }).click();
	await expect(page.getByText(/checksum does not match its content/)).toBeVisible();
	await expect(page.getByLabel('Web address of the new area')).toHaveValue('southmere-restored');
	await expectAccessible(page);

	await page.getByLabel('Backup file').setInputFiles({ name: 'southmere.json', mimeType: 'application/json', buffer: Buffer.from(text) });
	await page.getByRole('button', { name: 'Restore the area' }).click();
	await expect(page).toHaveURL(/\/app\/areas\/southmere-restored/);
	const rows = async (slug: string) => {
		await page.goto(`/app/areas/${slug}/actions`);
		return page.getByRole('table', { name: 'Actions, sortable by each column' }).getByRole('row').count();
	};
	const original = await rows('southmere');
	expect(original).toBeGreaterThan(3);
	// Owners are people of this installation and are not carried; the actions themselves all are.
	expect(await rows('southmere-restored')).toBe(original);
	// So are the models with their survey rounds and answers, and the theory of change: the pages read the same.
	const shown = async (slug: string, path: string) => {
		await page.goto(`/app/areas/${slug}/${path}`);
		return page.getByRole('main').innerText();
	};
	for (const path of ['models', 'toc']) expect(await shown('southmere-restored', path)).toBe(await shown('southmere', path));
	await expect(page.getByRole('main')).toContainText(/\w/);
	await page.goto('/app/areas/southmere-restored/models');
	await expect(page.getByRole('link', { name: 'Baseline' })).toBeVisible();
});

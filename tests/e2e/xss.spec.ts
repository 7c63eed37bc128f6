import { expect, test } from '@playwright/test';
import { ACCOUNTS, expectAccessible, readLatestMail, signIn, signOut } from './fixtures';

// Text that would run script if any page rendered user input as HTML.
const PAYLOAD = `<img src=x onerror="document.body.dataset.pwned='1'"><script>document.body.dataset.pwned='1'</script>`;

test('free text in area details and account names is shown as text, never run', async ({ page, browser }) => {
	let dialogs = 0;
	page.on('dialog', (d) => {
		dialogs++;
		return d.dismiss();
	});
	await signIn(page, ACCOUNTS.consultant);
	await page.goto('/app/areas/new');
	await page.getByLabel('Area name').fill(`Xss ${PAYLOAD}`);
	await page.getByLabel('Web address').fill('xss-check');
	await page.getByLabel('Police force').fill(PAYLOAD);
	await page.getByLabel('Local authorities').fill(PAYLOAD);
	await page.getByLabel('Description').fill(PAYLOAD);
	await page.getByRole('button', { name: 'Create area' }).click();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText(`Xss ${PAYLOAD}`);
	await expect(page.getByText('Area created')).toBeVisible();

	await page.goto('/app/areas/xss-check/members');
	await page.getByLabel('Email address').fill('xss.person@homeward.test');
	await page.getByRole('button', { name: 'Invite' }).click();
	await expect(page.getByText('Invitation sent')).toBeVisible();

	await signOut(page);
	await signIn(page, ACCOUNTS.admin);
	const mail = await readLatestMail(page, 'xss.person@homeward.test');
	const context = await browser.newContext({ extraHTTPHeaders: { 'x-forwarded-for': '127.0.0.9' } });
	const invitee = await context.newPage();
	invitee.on('dialog', (d) => {
		dialogs++;
		return d.dismiss();
	});
	await invitee.goto(mail.match(/http\S+\/invitation\/\S+/)![0]);
	await invitee.getByLabel('Your name').fill(`Name ${PAYLOAD}`);
	await invitee.getByLabel('Your organisation').fill(PAYLOAD);
	await invitee.getByLabel('Choose a password').fill('marble violin harbour');
	await invitee.getByLabel('Type the password again').fill('marble violin harbour');
	await invitee.getByRole('button', { name: 'Create my account' }).click();
	await expect(invitee.getByText('Welcome. Your account is ready.')).toBeVisible();

	for (const [tab, path] of [
		[page, '/app'],
		[page, '/app/areas/xss-check'],
		[page, '/app/areas/xss-check/members'],
		[page, '/app/admin/users'],
		[invitee, '/app'],
		[invitee, '/app/account']
	] as const) {
		await tab.goto(path);
		await expect(tab.locator('body')).not.toHaveAttribute('data-pwned', '1');
		expect(await tab.locator('main img[src="x"]').count(), path).toBe(0);
		await expect(tab.getByText(PAYLOAD).first()).toBeVisible();
	}
	await expectAccessible(page);
	expect(dialogs).toBe(0);
	await context.close();
});

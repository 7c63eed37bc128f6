import { expect } from '@playwright/test';
import { ACCOUNTS, expectAccessible, readLatestMail, signIn, signOut, test } from './fixtures';

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

// Names that run script if the network diagram ever put an actor's name into the page as HTML.
const DIAGRAM_PAYLOADS = ['<img src=x onerror=window.__pwned=1>', '"><svg onload=window.__pwned=1>'];
const MAP = '/app/areas/northbrook/map';

test('actor names drawn by the network diagram are text, after hydration and after a live update', async ({ browser }) => {
	const open = async (account: string, address: string) => {
		const context = await browser.newContext({ locale: 'en-GB', extraHTTPHeaders: { 'x-forwarded-for': address } });
		const page = await context.newPage();
		let dialogs = 0;
		page.on('dialog', (d) => {
			dialogs++;
			return d.dismiss();
		});
		await signIn(page, account);
		return { context, page, dialogs: () => dialogs };
	};
	const editor = await open(ACCOUNTS.partnerNorth, '127.0.0.41');
	const viewer = await open(ACCOUNTS.viewerNorth, '127.0.0.42');
	await viewer.page.goto(MAP, { waitUntil: 'networkidle' });
	await editor.page.goto(MAP, { waitUntil: 'networkidle' });

	const expectDrawnAsText = async (page: typeof viewer.page, name: string) => {
		// The node's link names the actor in full; the label beside it shows the (possibly shortened) name as text.
		await expect(page.getByRole('link', { name: new RegExp(`^${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}, `) })).toBeVisible();
		await expect(page.locator('svg g.labels text').filter({ hasText: name.slice(0, 12) }).first()).toBeVisible();
		expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
		expect(await page.locator('main img[src="x"], main svg svg').count()).toBe(0);
	};

	for (const name of DIAGRAM_PAYLOADS) {
		const form = editor.page.locator('form[action="?/addActor"]');
		await form.getByLabel('Name').fill(name);
		await form.getByLabel('Sector').selectOption({ label: 'Voluntary' });
		await form.getByRole('button', { name: 'Add actor' }).click();
		await expect(editor.page.getByText(`${name} added to the map.`)).toBeVisible();
		// Drawn in the editor's page by the client after the form's answer...
		await expectDrawnAsText(editor.page, name);
		// ...and in the viewer's, which never reloaded: the live update brought it.
		await expectDrawnAsText(viewer.page, name);
	}

	// A fresh load (server HTML, then hydration) and a client-side navigation back to the network draw them as text too.
	await viewer.page.reload({ waitUntil: 'networkidle' });
	for (const name of DIAGRAM_PAYLOADS) await expectDrawnAsText(viewer.page, name);
	await viewer.page.goto(`${MAP}/table`, { waitUntil: 'networkidle' });
	await viewer.page.getByRole('link', { name: 'Network', exact: true }).first().click();
	await expect(viewer.page).toHaveURL(new RegExp(`${MAP}$`));
	for (const name of DIAGRAM_PAYLOADS) await expectDrawnAsText(viewer.page, name);
	expect(editor.dialogs() + viewer.dialogs()).toBe(0);
	await editor.context.close();
	await viewer.context.close();
});

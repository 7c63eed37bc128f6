// Two people on one live page: what one is choosing or typing never changes under them when the other edits, a
// choice someone removes is named and refused, and a stale save shows both versions to merge.
import { expect, test, type Browser, type Page } from '@playwright/test';
import { ACCOUNTS, ORIGIN, expectAccessible, signIn } from './fixtures';

const AREA = '/app/areas/northbrook';
const MAP = `${AREA}/map`;

async function signedIn(browser: Browser, account: string) {
	const context = await browser.newContext({ locale: 'en-GB' });
	const page = await context.newPage();
	await signIn(page, account);
	return { context, page };
}

/** The id of a Northbrook actor, read from the table view's link to it. */
async function actorId(page: Page, name: string) {
	const href = await page.request.get(`${MAP}/table`).then((r) => r.text());
	const match = href.match(new RegExp(`href="[^"]*\\?actor=([\\w-]+)"[^>]*>${name.replace(/[()]/g, '\\$&')}<`));
	expect(match, `actor ${name} in the table`).not.toBeNull();
	return match![1];
}

/** Posts one of the map's own forms as the signed-in person would (the other person's edits). */
async function mapAction(page: Page, action: string, fields: Record<string, string>) {
	const response = await page.request.post(`${MAP}?/${action}`, {
		form: fields,
		headers: { origin: ORIGIN, 'x-sveltekit-action': 'true' }
	});
	const body = await response.json();
	expect(body.type, `${action}: ${JSON.stringify(body)}`).toBe('success');
}

async function versionOf(page: Page, actor: string) {
	await page.goto(`${MAP}?actor=${actor}`);
	return page.locator('form[action="?/editActor"] input[name="version"]').inputValue();
}

test('a half-filled handoff form keeps its choices, text, box and open panel while another person adds, renames and removes actors', async ({ browser }) => {
	const consultant = await signedIn(browser, ACCOUNTS.consultant);
	const partner = await signedIn(browser, ACCOUNTS.partnerNorth);
	const socialWorker = await actorId(consultant.page, 'Social worker');
	const school = await actorId(consultant.page, 'School safeguarding lead');
	const youth = await actorId(consultant.page, 'Youth justice service');
	const virtual = await actorId(consultant.page, 'Ashdale virtual school');

	await consultant.page.goto(`${MAP}?actor=${socialWorker}`, { waitUntil: 'networkidle' });
	const form = consultant.page.locator('form[action="?/addHandoff"]').last();
	await form.getByLabel('From (who hands over)').selectOption({ label: 'Social worker' });
	await form.getByLabel('To (who receives)').selectOption({ label: 'School safeguarding lead' });
	await form.getByLabel('What the handoff is called').fill('Live forms: return to school plan');
	await form.getByLabel('Journey stage').selectOption({ label: 'After' });
	await form.getByLabel('How well it works').selectOption({ label: 'Patchy' });
	await form.getByLabel('Mark this handoff as a gap').check();
	const panel = consultant.page.getByText('Edit Social worker', { exact: true });
	await panel.click();
	await expect(consultant.page.locator('form[action="?/editActor"]')).toBeVisible();

	// The other person adds an actor that sorts first, renames one so that it moves, and removes another.
	await partner.page.goto(MAP);
	await mapAction(partner.page, 'addActor', { name: 'Aardvark ambulance service', sector: 'health', kind: 'organisation', audience: 'both', description: '' });
	const youthVersion = await versionOf(partner.page, youth);
	await mapAction(partner.page, 'editActor', { id: youth, version: youthVersion, name: 'Zz youth justice service', sector: 'other', kind: 'team', audience: 'children', description: '' });
	const virtualVersion = await versionOf(partner.page, virtual);
	await mapAction(partner.page, 'deleteActor', { id: virtual, version: virtualVersion });

	// The new actor reaches the consultant's page without a reload...
	await expect(form.getByLabel('From (who hands over)').locator('option', { hasText: 'Aardvark ambulance service' })).toHaveCount(1);
	await expect(form.getByLabel('To (who receives)').locator('option', { hasText: 'Ashdale virtual school' })).toHaveCount(0);
	// ...and nothing they chose or typed moved.
	await expect(form.getByLabel('From (who hands over)')).toHaveValue(socialWorker);
	await expect(form.getByLabel('To (who receives)')).toHaveValue(school);
	await expect(form.getByLabel('What the handoff is called')).toHaveValue('Live forms: return to school plan');
	await expect(form.getByLabel('How well it works')).toHaveValue('patchy');
	await expect(form.getByLabel('Mark this handoff as a gap')).toBeChecked();
	await expect(consultant.page.locator('form[action="?/editActor"]')).toBeVisible();

	await form.getByRole('button', { name: 'Add handoff' }).click();
	await expect(consultant.page.getByText('Handoff "Live forms: return to school plan" added.')).toBeVisible();
	await consultant.page.goto(`${MAP}/table`);
	const row = consultant.page.getByRole('row').filter({ has: consultant.page.getByRole('rowheader', { name: 'Live forms: return to school plan' }) });
	await expect(row).toContainText('Social worker');
	await expect(row).toContainText('School safeguarding lead');
	await expect(row).toContainText('Patchy');
	await consultant.context.close();
	await partner.context.close();
});

test('a chosen actor that someone removes is named, stays chosen, and the save is refused until the person chooses again', async ({ browser }) => {
	const consultant = await signedIn(browser, ACCOUNTS.consultant);
	const partner = await signedIn(browser, ACCOUNTS.partnerNorth);
	await partner.page.goto(MAP);
	await mapAction(partner.page, 'addActor', { name: 'Live forms drop-in', sector: 'voluntary', kind: 'organisation', audience: 'both', description: '' });
	const dropIn = await actorId(partner.page, 'Live forms drop-in');

	await consultant.page.goto(MAP, { waitUntil: 'networkidle' });
	const form = consultant.page.locator('form[action="?/addHandoff"]');
	await form.getByLabel('From (who hands over)').selectOption({ label: 'Live forms drop-in' });
	await form.getByLabel('To (who receives)').selectOption({ label: 'Social worker' });
	await form.getByLabel('What the handoff is called').fill('Live forms: drop-in referral');
	await form.getByLabel('Journey stage').selectOption({ label: 'Before' });
	await form.getByLabel('How well it works').selectOption({ label: 'Working' });

	const version = await versionOf(partner.page, dropIn);
	await mapAction(partner.page, 'deleteActor', { id: dropIn, version });

	const from = form.getByLabel('From (who hands over)');
	await expect(form.getByText('“Live forms drop-in” was removed by Priya North. Choose again.')).toBeVisible();
	await expect(from).toHaveValue(dropIn);
	await expect(from).toHaveAttribute('aria-invalid', 'true');
	await expectAccessible(consultant.page);
	const answer = consultant.page.waitForResponse((r) => r.request().method() === 'POST' && r.url().includes('addHandoff'));
	await form.getByRole('button', { name: 'Add handoff' }).click();
	expect((await (await answer).json()).status).toBe(400);
	await expect(form.getByText('“Live forms drop-in” was removed by Priya North. Choose again.')).toBeVisible();
	await expect(form.getByLabel('What the handoff is called')).toHaveValue('Live forms: drop-in referral');
	await expect(form.getByLabel('To (who receives)')).toHaveValue(await actorId(consultant.page, 'Social worker'));

	const table = await consultant.page.request.get(`${MAP}/table`).then((r) => r.text());
	expect(table).not.toContain('Live forms: drop-in referral');
	await consultant.context.close();
	await partner.context.close();
});

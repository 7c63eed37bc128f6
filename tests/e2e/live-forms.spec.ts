// Two people on one live page: what one is choosing or typing never changes under them when the other edits, a
// choice someone removes is named and refused, and a stale save shows both versions to merge.
import { expect, type Browser, type Page } from '@playwright/test';
import { ACCOUNTS, ORIGIN, expectAccessible, signIn, test } from './fixtures';

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

	await consultant.page.goto(`${MAP}?actor=${socialWorker}`, { waitUntil: 'networkidle' });
	const form = consultant.page.locator('form[action="?/addHandoff"]').last();
	await form.getByLabel(/^From \(who hands over\)/).selectOption({ label: 'Social worker' });
	await form.getByLabel(/^To \(who receives\)/).selectOption({ label: 'School safeguarding lead' });
	await form.getByLabel(/^What the handoff is called/).fill('Live forms: return to school plan');
	await form.getByLabel(/^Journey stage/).selectOption({ label: 'After' });
	await form.getByLabel(/^How well it works/).selectOption({ label: 'Patchy' });
	await form.getByLabel(/^Applies to/).selectOption({ label: 'Children' });
	await form.getByLabel(/^Mark this handoff as a gap/).check();
	const panel = consultant.page.getByText('Edit Social worker', { exact: true });
	await panel.click();
	await expect(consultant.page.locator('form[action="?/editActor"]')).toBeVisible();

	// The other person adds actors that sort first, renames one so that it moves past the chosen ones, and removes another.
	await partner.page.goto(MAP);
	for (const name of ['Aardvark ambulance service', 'Abbey drop-in', 'Acorn outreach'])
		await mapAction(partner.page, 'addActor', { name, sector: 'voluntary', kind: 'organisation', audience: 'both', description: '' });
	const abbey = await actorId(partner.page, 'Abbey drop-in');
	await mapAction(partner.page, 'editActor', { id: abbey, version: await versionOf(partner.page, abbey), name: 'Zz abbey drop-in', sector: 'voluntary', kind: 'organisation', audience: 'both', description: '' });
	const acorn = await actorId(partner.page, 'Acorn outreach');
	await mapAction(partner.page, 'deleteActor', { id: acorn, version: await versionOf(partner.page, acorn) });

	// The changes reach the consultant's page without a reload...
	await expect(form.getByLabel(/^From \(who hands over\)/).locator('option', { hasText: 'Zz abbey drop-in' })).toHaveCount(1);
	await expect(form.getByLabel(/^To \(who receives\)/).locator('option', { hasText: 'Acorn outreach' })).toHaveCount(0);
	// ...and nothing they chose or typed moved.
	await expect(form.getByLabel(/^From \(who hands over\)/)).toHaveValue(socialWorker);
	await expect(form.getByLabel(/^To \(who receives\)/)).toHaveValue(school);
	await expect(form.getByLabel(/^What the handoff is called/)).toHaveValue('Live forms: return to school plan');
	await expect(form.getByLabel(/^How well it works/)).toHaveValue('patchy');
	await expect(form.getByLabel(/^Mark this handoff as a gap/)).toBeChecked();
	await expect(consultant.page.locator('form[action="?/editActor"]')).toBeVisible();

	await form.getByRole('button', { name: 'Add handoff' }).click();
	await expect(consultant.page.getByText('Handoff "Live forms: return to school plan" added.')).toBeVisible();
	await consultant.page.goto(`${MAP}/table`);
	const row = consultant.page.getByRole('row').filter({ has: consultant.page.getByRole('rowheader', { name: 'Live forms: return to school plan' }) });
	await expect(row).toContainText('Social worker');
	await expect(row).toContainText('School safeguarding lead');
	await expect(row).toContainText('Patchy');

	// Leave the shared demo map as it was for the tests that follow.
	for (const name of ['Aardvark ambulance service', 'Zz abbey drop-in']) {
		const id = await actorId(partner.page, name);
		await mapAction(partner.page, 'deleteActor', { id, version: await versionOf(partner.page, id) });
	}
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
	await form.getByLabel(/^From \(who hands over\)/).selectOption({ label: 'Live forms drop-in' });
	await form.getByLabel(/^To \(who receives\)/).selectOption({ label: 'Social worker' });
	await form.getByLabel(/^What the handoff is called/).fill('Live forms: drop-in referral');
	await form.getByLabel(/^Journey stage/).selectOption({ label: 'Before' });
	await form.getByLabel(/^How well it works/).selectOption({ label: 'Working' });

	const version = await versionOf(partner.page, dropIn);
	await mapAction(partner.page, 'deleteActor', { id: dropIn, version });

	const from = form.getByLabel(/^From \(who hands over\)/);
	await expect(form.getByText('“Live forms drop-in” was removed by Priya North. Choose again.')).toBeVisible();
	await expect(from).toHaveValue(dropIn);
	await expect(from).toHaveAttribute('aria-invalid', 'true');
	await expectAccessible(consultant.page);
	const answer = consultant.page.waitForResponse((r) => r.request().method() === 'POST' && r.url().includes('addHandoff'));
	await form.getByRole('button', { name: 'Add handoff' }).click();
	expect((await (await answer).json()).status).toBe(400);
	await expect(form.getByText('“Live forms drop-in” was removed by Priya North. Choose again.')).toBeVisible();
	await expect(form.getByLabel(/^What the handoff is called/)).toHaveValue('Live forms: drop-in referral');
	await expect(form.getByLabel(/^To \(who receives\)/)).toHaveValue(await actorId(consultant.page, 'Social worker'));

	const table = await consultant.page.request.get(`${MAP}/table`).then((r) => r.text());
	expect(table).not.toContain('Live forms: drop-in referral');
	await consultant.context.close();
	await partner.context.close();
});

test('a stale save of a handoff shows both versions, field by field, and the merge keeps both people’s text', async ({ browser }) => {
	const consultant = await signedIn(browser, ACCOUNTS.consultant);
	const partner = await signedIn(browser, ACCOUNTS.partnerNorth);
	const socialWorker = await actorId(consultant.page, 'Social worker');
	await mapAction(partner.page, 'addHandoff', {
		fromActorId: await actorId(partner.page, 'Return interview provider'),
		toActorId: socialWorker,
		label: 'Live forms: interview summary',
		stage: 'return',
		passes: 'information',
		audience: 'children',
		rating: 'patchy',
		trigger: '',
		standard: 'Within 5 working days',
		evidence: '',
		notes: ''
	});
	const openEdit = async (page: Page) => {
		await page.goto(`${MAP}?actor=${socialWorker}`, { waitUntil: 'networkidle' });
		const summary = page.getByText('Edit “Live forms: interview summary”', { exact: true });
		await summary.click();
		return page.locator('details', { has: summary }).locator('form[action="?/editHandoff"]');
	};
	const mine = await openEdit(consultant.page);
	await mine.getByLabel(/^How well it works/).selectOption({ label: 'Broken' });
	await mine.getByLabel(/^Evidence/).fill('Mine: no findings reached a social worker in March.');

	const theirs = await openEdit(partner.page);
	await theirs.getByLabel(/^Evidence/).fill('Theirs: findings reach the social worker in about 1 in 3 cases.');
	await theirs.getByLabel(/^Notes/).fill('Theirs: raise at the strategic missing group.');
	await theirs.getByRole('button', { name: 'Save handoff' }).click();
	await expect(partner.page.getByText('Handoff "Live forms: interview summary" saved.')).toBeVisible();

	// While the consultant is still editing: a quiet notice, their input untouched, the other value beside it.
	await expect(mine.getByText('Changed by Priya North just now: review the marked fields before saving.')).toBeVisible();
	await expect(mine.getByLabel(/^How well it works/)).toHaveValue('broken');
	await expect(mine.getByLabel(/^Evidence/)).toHaveValue('Mine: no findings reached a social worker in March.');
	await expect(mine.getByText('Theirs: findings reach the social worker in about 1 in 3 cases.')).toBeVisible();
	// A field only the other person changed simply follows their save.
	await expect(mine.getByLabel(/^Notes/)).toHaveValue('Theirs: raise at the strategic missing group.');
	await expectAccessible(consultant.page);

	// Saving anyway is refused as stale; nothing of either version is lost.
	await mine.getByRole('button', { name: 'Save handoff' }).click();
	await expect(consultant.page.getByText(/Someone else changed this/).first()).toBeVisible();
	await expect(mine.getByLabel(/^Evidence/)).toHaveValue('Mine: no findings reached a social worker in March.');
	await expect(mine.getByText(/just now: review the marked fields/)).toHaveCount(0);
	await mine.getByRole('button', { name: 'Keep mine: Evidence' }).click();
	await expect(mine.getByText('Theirs: findings reach the social worker in about 1 in 3 cases.')).toHaveCount(0);
	await mine.getByRole('button', { name: 'Save handoff' }).click();
	await expect(consultant.page.getByText('Handoff "Live forms: interview summary" saved.')).toBeVisible();

	await consultant.page.goto(`${MAP}/table`);
	const row = consultant.page.getByRole('row').filter({ has: consultant.page.getByRole('rowheader', { name: 'Live forms: interview summary', exact: true }) });
	await expect(row).toContainText('Broken');
	const reread = await openEdit(consultant.page);
	await expect(reread.getByLabel(/^Evidence/)).toHaveValue('Mine: no findings reached a social worker in March.');
	await expect(reread.getByLabel(/^Notes/)).toHaveValue('Theirs: raise at the strategic missing group.');
	await consultant.context.close();
	await partner.context.close();
});

test('a stale save of a theory-of-change step and of an indicator shows the comparison and keeps both people’s text', async ({ browser }) => {
	const consultant = await signedIn(browser, ACCOUNTS.consultant);
	const partner = await signedIn(browser, ACCOUNTS.partnerNorth);
	await consultant.page.goto(`${AREA}/toc`);
	const stepHref = await consultant.page.getByRole('region', { name: 'Outline' }).getByRole('link', { name: 'Agreed protocols with named owners' }).getAttribute('href');
	const editStep = async (page: Page) => {
		await page.goto(stepHref!, { waitUntil: 'networkidle' });
		return page.locator('form[action="?/edit"]');
	};
	const mine = await editStep(consultant.page);
	await mine.getByLabel(/^Title/).fill('Mine: every return interview offered within 72 hours');
	const theirs = await editStep(partner.page);
	await theirs.getByLabel(/^Title/).fill('Theirs: return interviews offered within 72 hours');
	await theirs.getByLabel(/^Description/).fill('Theirs: measured by the provider each month.');
	await theirs.getByRole('button', { name: 'Save changes' }).click();
	await expect(partner.page.getByText('Your changes are saved.')).toBeVisible();

	await expect(mine.getByText('Changed by Priya North just now: review the marked fields before saving.')).toBeVisible();
	await expect(mine.getByText('Theirs: return interviews offered within 72 hours')).toBeVisible();
	await mine.getByRole('button', { name: 'Save changes' }).click();
	await expect(consultant.page.getByText(/Someone else saved this step/)).toBeVisible();
	await expect(mine.getByLabel(/^Title/)).toHaveValue('Mine: every return interview offered within 72 hours');
	await expect(mine.getByLabel(/^Description/)).toHaveValue('Theirs: measured by the provider each month.');
	await expect(mine.getByText(/just now: review the marked fields/)).toHaveCount(0);
	await mine.getByRole('button', { name: 'Save changes' }).click();
	await expect(consultant.page.getByText('Your changes are saved.')).toBeVisible();
	await expect(consultant.page.getByRole('heading', { level: 1 })).toHaveText('Mine: every return interview offered within 72 hours');

	// An indicator: the person takes the other's value for one field and keeps their own for another.
	await consultant.page.goto(`${AREA}/toc`);
	const indicatorHref = await consultant.page.getByRole('region', { name: 'Outline' }).getByRole('link', { name: 'Returned adults who say they came to harm while away' }).getAttribute('href');
	const editIndicator = async (page: Page) => {
		await page.goto(indicatorHref!, { waitUntil: 'networkidle' });
		return page.locator('form[action="?/edit"]');
	};
	const myIndicator = await editIndicator(consultant.page);
	await myIndicator.getByLabel(/^Indicator/).fill('Mine: repeat share of reports about children');
	await myIndicator.getByLabel(/^Unit/).fill('% of reports (mine)');
	const theirIndicator = await editIndicator(partner.page);
	await theirIndicator.getByLabel(/^Indicator/).fill('Theirs: children reported missing again within 90 days');
	await theirIndicator.getByRole('button', { name: 'Save changes' }).click();
	await expect(partner.page.getByText('Your changes are saved.')).toBeVisible();

	await expect(myIndicator.getByText('Theirs: children reported missing again within 90 days')).toBeVisible();
	await myIndicator.getByRole('button', { name: 'Take theirs: Indicator' }).click();
	await expect(myIndicator.getByLabel(/^Indicator/)).toHaveValue('Theirs: children reported missing again within 90 days');
	await myIndicator.getByRole('button', { name: 'Save changes' }).click();
	await expect(consultant.page.getByText(/Someone else saved this indicator/)).toBeVisible();
	// The form is now based on the version it shows: the notice goes, and saving again stores the merge.
	await expect(myIndicator.getByText(/just now: review the marked fields/)).toHaveCount(0);
	await myIndicator.getByRole('button', { name: 'Save changes' }).click();
	await expect(consultant.page.getByText('Your changes are saved.')).toBeVisible();
	await consultant.page.reload();
	await expect(consultant.page.locator('form[action="?/edit"]').getByLabel(/^Indicator/)).toHaveValue('Theirs: children reported missing again within 90 days');
	await expect(consultant.page.locator('form[action="?/edit"]').getByLabel(/^Unit/)).toHaveValue('% of reports (mine)');
	await consultant.context.close();
	await partner.context.close();
});

test('the theory of change’s link form and a new action’s owner keep their choices while another person adds steps and actors', async ({ browser }) => {
	const SOUTH = '/app/areas/southmere';
	const consultant = await signedIn(browser, ACCOUNTS.consultant);
	const partner = await signedIn(browser, ACCOUNTS.partnerSouth);
	const post = async (path: string, fields: Record<string, string>) => {
		const response = await partner.page.request.post(path, { form: fields, headers: { origin: ORIGIN, 'x-sveltekit-action': 'true' } });
		expect((await response.json()).type, `${path}`).toBe('success');
	};
	const step = (kind: string, title: string) => post(`${SOUTH}/toc?/addStep`, { kind, title, description: '', ownerActorId: '' });
	await step('activity', 'Live forms: weekly missing meeting');
	await step('output', 'Live forms: one weekly picture');

	await consultant.page.goto(`${SOUTH}/toc`, { waitUntil: 'networkidle' });
	const link = consultant.page.locator('form[action="?/addLink"]');
	await link.getByLabel(/^This step/).selectOption({ label: 'Activity: Live forms: weekly missing meeting' });
	await link.getByLabel(/^Leads to/).selectOption({ label: 'Output: Live forms: one weekly picture' });
	await link.getByLabel(/^Why it leads there/).fill('Live forms: the meeting produces the picture.');

	// Steps of the same kinds arrive, sorting before the chosen ones.
	await step('activity', 'Aa live forms activity');
	await step('output', 'Aa live forms output');
	await expect(link.getByLabel(/^Leads to/).locator('option', { hasText: 'Aa live forms output' })).toHaveCount(1);
	await expect(link.getByLabel(/^This step/)).toHaveValue(await link.getByLabel(/^This step/).locator('option', { hasText: 'Live forms: weekly missing meeting' }).getAttribute('value') as string);
	await expect(link.getByLabel(/^Leads to/).locator('option:checked')).toHaveText('Output: Live forms: one weekly picture');
	await link.getByRole('button', { name: 'Add link' }).click();
	await expect(consultant.page.getByRole('status').filter({ hasText: 'Link added' })).toBeVisible();
	await consultant.page.getByRole('region', { name: 'Outline' }).getByRole('link', { name: 'Live forms: weekly missing meeting' }).click();
	await expect(consultant.page.getByRole('region', { name: 'Leads to' }).getByRole('link', { name: 'Live forms: one weekly picture' })).toBeVisible();

	// A new action: the owner chosen stays the owner, whatever actors arrive around it.
	await consultant.page.goto(`${SOUTH}/actions/new`, { waitUntil: 'networkidle' });
	const action = consultant.page.locator('form').filter({ has: consultant.page.getByRole('button', { name: 'Add action' }) });
	await action.getByLabel(/^Title/).fill('Live forms: agree the GP follow-up letter');
	await action.getByLabel(/^Owner organisation/).selectOption({ label: 'GP' });
	await partner.page.goto(`${SOUTH}/map`);
	for (const name of ['Aa live forms clinic', 'Ab live forms charity'])
		await post(`${SOUTH}/map?/addActor`, { name, sector: 'voluntary', kind: 'organisation', audience: 'both', description: '' });
	await expect(action.getByLabel(/^Owner organisation/).locator('option', { hasText: 'Ab live forms charity' })).toHaveCount(1);
	await expect(action.getByLabel(/^Owner organisation/).locator('option:checked')).toHaveText('GP');
	await action.getByRole('button', { name: 'Add action' }).click();
	await expect(consultant.page.getByRole('heading', { name: 'Live forms: agree the GP follow-up letter', level: 1 })).toBeVisible();
	await expect(consultant.page.locator('.facts > div').filter({ hasText: 'Owner organisation' })).toContainText('GP');
	await consultant.context.close();
	await partner.context.close();
});

test('a mental model’s half-filled forms keep their ticks, text and open panel while another person edits, and a stale rewording shows both', async ({ browser }) => {
	const MODELS = `${AREA}/models`;
	const consultant = await signedIn(browser, ACCOUNTS.consultant);
	const partner = await signedIn(browser, ACCOUNTS.partnerNorth);
	const post = async (path: string, fields: Record<string, string>) => {
		const response = await partner.page.request.post(path, { form: fields, headers: { origin: ORIGIN, 'x-sveltekit-action': 'true' } });
		expect((await response.json()).type, path).toBe('success');
	};
	// A model of this test's own, so that the demo's models stay as they are.
	const created = await partner.page.request.post(`${MODELS}/new`, {
		form: { title: 'Live forms: schools wait to be asked', description: '', statement: 'A school acts once the police ask it to.' },
		headers: { origin: ORIGIN, 'x-sveltekit-action': 'true' }
	});
	const model = (await created.json()).location as string;
	expect(model).toMatch(/\/models\/[\w-]+\?created$/);
	const page = model.replace('?created', '');

	await consultant.page.goto(page, { waitUntil: 'networkidle' });
	const edit = consultant.page.locator('form[action="?/edit"]');
	await edit.getByRole('group', { name: /Actors who hold/ }).getByLabel('School safeguarding lead').check();
	await edit.getByLabel(/^Description/).fill('Mine: schools hold back until asked.');
	await consultant.page.getByLabel('Add a statement').fill('Mine: a school waits for a strategy meeting.');
	await consultant.page.getByText('Reword or remove', { exact: false }).click();
	const statement = consultant.page.locator('form[action="?/editStatement"]');
	await statement.getByLabel(/^Statement/).fill('Mine: a school only acts once the police ask.');

	// The other person adds actors that sort before the ticked one and rewords the statement.
	for (const name of ['Aa live models clinic', 'Ab live models charity'])
		await post(`${MAP}?/addActor`, { name, sector: 'voluntary', kind: 'organisation', audience: 'both', description: '' });
	const statementId = await statement.locator('input[name="id"]').inputValue();
	await post(`${page}?/editStatement`, { id: statementId, baseText: 'A school acts once the police ask it to.', text: 'Theirs: a school acts when anyone asks.' });

	await expect(edit.getByRole('group', { name: /Actors who hold/ }).getByLabel('Ab live models charity')).toHaveCount(1);
	await expect(edit.getByRole('group', { name: /Actors who hold/ }).getByLabel('School safeguarding lead')).toBeChecked();
	await expect(edit.getByRole('group', { name: /Actors who hold/ }).getByLabel('Aa live models clinic')).not.toBeChecked();
	await expect(edit.getByLabel(/^Description/)).toHaveValue('Mine: schools hold back until asked.');
	await expect(consultant.page.getByLabel('Add a statement')).toHaveValue('Mine: a school waits for a strategy meeting.');
	await expect(statement).toBeVisible();
	await expect(statement.getByLabel(/^Statement/)).toHaveValue('Mine: a school only acts once the police ask.');
	await expect(statement.getByText('Changed by Priya North just now: review the marked fields before saving.')).toBeVisible();
	await expect(statement.getByText('Theirs: a school acts when anyone asks.')).toBeVisible();
	await expectAccessible(consultant.page);

	// Saving over their wording is refused; mine stays in the field, theirs beside it; saving again keeps mine.
	await statement.getByRole('button', { name: 'Save statement' }).click();
	await expect(consultant.page.getByText(/Someone else reworded this statement/)).toBeVisible();
	await expect(statement.getByLabel(/^Statement/)).toHaveValue('Mine: a school only acts once the police ask.');
	await statement.getByRole('button', { name: 'Keep mine: Statement' }).click();
	await statement.getByRole('button', { name: 'Save statement' }).click();
	await expect(consultant.page.getByText('Statement saved.')).toBeVisible();
	await expect(consultant.page.locator('p.text', { hasText: '“Mine: a school only acts once the police ask.”' })).toBeVisible();

	// The model's own edit, still as the consultant left it, saves exactly that.
	await expect(edit.getByLabel(/^Description/)).toHaveValue('Mine: schools hold back until asked.');
	await edit.getByRole('button', { name: /Save/ }).click();
	await expect(consultant.page.getByText('Your changes to the model are saved.')).toBeVisible();
	await consultant.page.reload();
	await expect(consultant.page.getByRole('region', { name: 'Held by' }).getByRole('link', { name: 'School safeguarding lead' })).toBeVisible();
	await expect(consultant.page.getByRole('region', { name: 'Held by' }).getByRole('link')).toHaveCount(1);
	await expect(consultant.page.getByText('Mine: schools hold back until asked.').first()).toBeVisible();

	for (const name of ['Aa live models clinic', 'Ab live models charity']) {
		const id = await actorId(partner.page, name);
		await mapAction(partner.page, 'deleteActor', { id, version: await versionOf(partner.page, id) });
	}
	await consultant.context.close();
	await partner.context.close();
});

import { expect, type Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { ACCOUNTS, expectAccessible, signIn, test } from './fixtures';
import { pdfPages } from '../helpers/pdf';

/** Tabs to `locator`, failing if it is not reached within `max` presses: proves it is reachable without a mouse. */
async function tabTo(page: Page, locator: ReturnType<Page['locator']>, max = 80) {
	for (let i = 0; i < max; i++) {
		await page.keyboard.press('Tab');
		if (await locator.evaluate((el) => el === document.activeElement)) return;
	}
	throw new Error('Never reached by Tab');
}

const LIST = '/app/areas/northbrook/actions';

/** The overview chart's figure for this week, read from its table. */
async function doneThisWeek(page: Page) {
	await page.goto('/app/areas/northbrook');
	const chart = page.getByRole('figure', { name: 'Actions done by the end of each week' });
	await chart.getByText('The figures as a table').click();
	await expectAccessible(page);
	return Number(await chart.getByRole('row').last().getByRole('cell').textContent());
}

// UK partners: the date field reads day, month, year.
test.use({ locale: 'en-GB' });

test('a partner sees their overdue action first on the dashboard', async ({ page }) => {
	await signIn(page, ACCOUNTS.partnerNorth);
	await page.goto('/app');
	const section = page.getByRole('region', { name: 'My actions' });
	const first = section.getByRole('row').nth(1);
	await expect(first).toContainText('Red');
	await expect(first).toContainText('Agree a written standard');
	await expect(first).toContainText('Northbrook');
	await expectAccessible(page);
});

test('an editor adds an action and posts an update with a status change, by keyboard', async ({ page }) => {
	await signIn(page, ACCOUNTS.partnerNorth);
	await page.goto(LIST);
	await expect(page.getByRole('heading', { name: 'Action plan', level: 1 })).toBeVisible();
	await expect(page.getByRole('navigation', { name: /area/ }).getByRole('link', { name: 'Actions' })).toHaveAttribute('aria-current', 'page');
	await expectAccessible(page);

	await page.getByRole('link', { name: 'New action' }).click();
	await expect(page.getByRole('heading', { name: 'New action', level: 1 })).toBeVisible();
	await expectAccessible(page);
	await tabTo(page, page.getByLabel('Title'));
	await page.keyboard.type('Share missing-episode data weekly');
	await page.keyboard.press('Tab');
	await page.keyboard.type('A weekly list from the police to the council missing lead.');
	await page.keyboard.press('Tab');
	await page.keyboard.type('Missing persons unit');
	// Typing into the segments of a native date field is the browser's own behaviour; set the value directly.
	await page.getByLabel('Due date').fill('2030-12-31');
	await page.getByLabel('Due date').focus();
	await tabTo(page, page.getByRole('button', { name: 'Add action' }));
	await page.keyboard.press('Enter');

	await expect(page.getByRole('heading', { name: 'Share missing-episode data weekly', level: 1 })).toBeVisible();
	await expect(page.getByText('Action added')).toBeVisible();
	await expect(page.getByText('31 December 2030')).toBeVisible();
	await expect(page.getByRole('definition').filter({ hasText: 'Missing persons unit' })).toBeVisible();
	await expectAccessible(page);

	await page.getByLabel('What has happened').focus();
	await page.keyboard.type('First list sent on Monday.');
	await page.keyboard.press('Tab');
	await expect(page.getByLabel('Change the status to')).toBeFocused();
	await page.keyboard.type('In progress');
	await tabTo(page, page.getByRole('button', { name: 'Post update' }), 5);
	await page.keyboard.press('Enter');
	await expect(page.getByText('Update posted. Status is now In progress.')).toBeVisible();
	const updates = page.getByRole('region', { name: 'Updates' });
	await expect(updates.getByRole('listitem').first()).toContainText('First list sent on Monday.');
	await expect(updates.getByRole('listitem').first()).toContainText('Not started → In progress');
	await expect(page.getByRole('region', { name: 'Change history' })).toContainText('Posted an update');

	// The board shows it in its new column.
	await page.goto(`${LIST}/board`);
	await expect(page.getByRole('list', { name: /In progress/ }).getByRole('link', { name: 'Share missing-episode data weekly' })).toBeVisible();
	await expectAccessible(page);
});

test('filters work without JavaScript and are a link', async ({ browser }) => {
	const context = await browser.newContext({ javaScriptEnabled: false });
	const page = await context.newPage();
	await signIn(page, ACCOUNTS.viewerNorth);
	await page.goto(LIST);
	await page.getByLabel('RAG').selectOption({ label: 'Red' });
	await page.getByRole('button', { name: 'Apply filters' }).click();
	await expect(page).toHaveURL(/rag=red/);
	const rows = page.locator('table.data tbody tr');
	await expect(rows.first()).toBeVisible();
	for (const row of await rows.all()) await expect(row).toContainText('Red');
	await expect(page.getByText(/Showing \d+ of \d+ actions/)).toBeVisible();
	await page.getByRole('link', { name: 'Clear filters' }).click();
	await expect(page.getByText(/^\d+ actions\.$/)).toBeVisible();
	await context.close();
});

test('the second of two people saving one action gets the merge screen, and nothing is lost', async ({ browser }) => {
	const a = await browser.newContext();
	const b = await browser.newContext();
	const pageA = await a.newPage();
	const pageB = await b.newPage();
	await signIn(pageA, ACCOUNTS.partnerNorth);
	await signIn(pageB, ACCOUNTS.consultant);
	await pageA.goto(LIST);
	await pageA.getByRole('link', { name: /Name a single contact/ }).click();
	await expect(pageA.getByRole('heading', { name: /Name a single contact/, level: 1 })).toBeVisible();
	await pageB.goto(pageA.url());
	await expect(pageB.getByRole('heading', { name: /Name a single contact/, level: 1 })).toBeVisible();

	// Both are editing at once: B has started typing when A's save lands (and shows live on B's page).
	await pageB.locator('#edit-title').fill('Name a duty inbox for this handoff');
	await pageA.locator('#edit-title').fill('Name one contact role, agreed by both');
	await pageA.getByRole('button', { name: 'Save changes' }).click();
	await expect(pageA.getByText('Your changes are saved.')).toBeVisible();
	await expect(pageB.getByRole('heading', { level: 1 })).toHaveText('Name one contact role, agreed by both');
	await expect(pageB.locator('#edit-title')).toHaveValue('Name a duty inbox for this handoff');

	await pageB.locator('#edit-priority').selectOption({ label: 'High' });
	await pageB.getByRole('button', { name: 'Save changes' }).click();
	await expect(pageB.getByText('Someone else saved this action first')).toBeVisible();
	// Field by field: B's own title stays in the field, A's saved one beside it; B's priority is kept.
	await expect(pageB.locator('#edit-title')).toHaveValue('Name a duty inbox for this handoff');
	await expect(pageB.locator('#edit-title-theirs')).toContainText('Name one contact role, agreed by both');
	await expect(pageB.locator('#edit-priority')).toHaveValue('high');
	await expectAccessible(pageB);

	await pageB.locator('#edit-title').fill('Name one contact role and a duty inbox');
	await pageB.getByRole('button', { name: 'Save merged version' }).click();
	await expect(pageB.getByText('Your changes are saved.')).toBeVisible();
	await expect(pageB.getByRole('heading', { level: 1 })).toHaveText('Name one contact role and a duty inbox');
	await expect(pageB.getByRole('region', { name: 'Change history' }).getByText('Edited')).toHaveCount(2);
	await a.close();
	await b.close();
});

test('a viewer reads the plan but cannot change it', async ({ page }) => {
	await signIn(page, ACCOUNTS.viewerNorth);
	await page.goto(LIST);
	await expect(page.getByRole('heading', { name: 'Action plan', level: 1 })).toBeVisible();
	await expect(page.getByRole('link', { name: 'New action' })).toHaveCount(0);
	await expect(page.getByRole('button', { name: 'Change status' })).toHaveCount(0);
	await page.locator('table.data tbody tr').first().getByRole('link').first().click();
	await expect(page.getByRole('heading', { name: 'Updates' })).toBeVisible();
	await expect(page.getByRole('button', { name: 'Post update' })).toHaveCount(0);
	await expect(page.getByRole('button', { name: 'Save changes' })).toHaveCount(0);
	await expectAccessible(page);
	const response = await page.goto(`${LIST}/new`);
	expect(response?.status()).toBe(404);
});

test('bulk status change, board move and CSV import with per-row errors', async ({ page }) => {
	await signIn(page, ACCOUNTS.partnerNorth);
	const doneBefore = await doneThisWeek(page);
	await page.goto(`${LIST}?status=not_started`);
	const ticks = page.locator('table.data tbody input[type=checkbox]');
	const count = await ticks.count();
	expect(count).toBeGreaterThan(0);
	await ticks.first().check();
	await page.getByLabel('New status').selectOption({ label: 'Blocked' });
	await page.getByRole('button', { name: 'Change status' }).click();
	await expect(page.getByText('1 action moved to Blocked.')).toBeVisible();

	await page.goto(`${LIST}/board`);
	const blocked = page.getByRole('list', { name: /Blocked/ });
	const card = blocked.getByRole('listitem').first();
	const title = (await card.getByRole('heading').textContent())!.trim();
	await card.getByRole('combobox').selectOption({ label: 'Done' });
	await card.getByRole('button', { name: /Move/ }).click();
	await expect(page.getByText('Moved to Done.')).toBeVisible();
	await expect(page.getByRole('list', { name: /Done/ }).getByRole('link', { name: title })).toBeVisible();
	expect(await doneThisWeek(page)).toBe(doneBefore + 1);

	await page.goto(`${LIST}/import`);
	await expectAccessible(page);
	await page.getByLabel('Or paste the CSV').fill(
		['title,description,owner_organisation,owner_email,due_date,status,priority,handoffs', 'Good row,,,,2030-05-01,In progress,High,', ',,Nowhere Trust,,2030-02-30,Sideways,High,'].join('\n')
	);
	await page.getByRole('button', { name: 'Import' }).click();
	await expect(page.getByText('Nothing was imported. Fix these rows and try again.')).toBeVisible();
	await expect(page.getByText(/Row 3: .*Nowhere Trust.*Sideways/)).toBeVisible();
	await page.goto(`${LIST}?sort=title`);
	await expect(page.getByRole('link', { name: 'Good row' })).toHaveCount(0);
});

test('a viewer downloads the action plan, whole or for one organisation, from the overview', async ({ page }) => {
	await signIn(page, ACCOUNTS.viewerNorth);
	await page.goto('/app/areas/northbrook');
	// This browser has run the app's scripts: the server leaves the list of owner organisations for it to fill in.
	const light = await (await page.request.get('/app/areas/northbrook')).text();
	expect(light.match(/<select[^>]*name="owner"[\s\S]*?<\/select>/)?.[0].match(/<option/g)).toHaveLength(1);
	let download = page.waitForEvent('download');
	await page.getByRole('button', { name: 'Download action plan' }).click();
	let file = await download;
	expect(file.suggestedFilename()).toBe('northbrook-action-plan.pdf');
	const whole = readFileSync(await file.path());
	expect(whole.subarray(0, 5).toString()).toBe('%PDF-');

	const plan = page.getByLabel('Action plan as a PDF, for');
	const owner = (await plan.locator('option').nth(1).textContent())!.trim();
	await plan.selectOption({ label: owner });
	download = page.waitForEvent('download');
	await page.getByRole('button', { name: 'Download action plan' }).click();
	file = await download;
	expect(file.suggestedFilename()).toMatch(/^northbrook-action-plan-[a-z0-9]+\.pdf$/);
	const text = (await pdfPages(readFileSync(await file.path()))).join(' ');
	expect(text).toContain(`Action plan for ${owner}`);
	await expectAccessible(page);
});

test('a mental model no action works on gets one from the overview, and leaves the list', async ({ page }) => {
	await signIn(page, ACCOUNTS.partnerNorth);
	await page.goto('/app/areas/northbrook');
	const list = page.getByRole('heading', { name: 'Mental models no action works on' }).locator('xpath=following-sibling::ul[1]');
	const first = list.getByRole('listitem').first();
	const model = (await first.getByRole('link').first().textContent())!.trim();
	await first.getByRole('link', { name: `Add an action for ${model}` }).click();
	await expect(page.getByRole('checkbox', { name: model })).toBeChecked();
	await page.getByLabel('Title').fill(`Workshop on “${model}” with every partner`);
	await page.getByRole('button', { name: 'Add action' }).click();
	await expect(page.getByRole('region', { name: 'Mental models it works on' }).getByRole('link', { name: model })).toBeVisible();
	await page.goto('/app/areas/northbrook');
	await expect(page.getByRole('link', { name: `Add an action for ${model}` })).toHaveCount(0);
	await expectAccessible(page);
});

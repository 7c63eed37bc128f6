// A live Hydra exercise end to end: a facilitator in control and two syndicates (police; children's services) on their
// own devices, each in its own browser context. Everything that arrives from another context must appear without a
// reload, within a couple of seconds.
import { expect, type Browser, type Page } from '@playwright/test';
import { ACCOUNTS, ORIGIN, expectAccessible, signIn, test } from './fixtures';

const SCENARIO = 'Missing from a children’s home at night (short live demo)';
const PHONE = { width: 320, height: 800 };

async function phone(browser: Browser, address: string) {
	const context = await browser.newContext({ viewport: PHONE, extraHTTPHeaders: { 'x-forwarded-for': address } });
	return context.newPage();
}

async function join(page: Page, code: string, team: string, agency: string) {
	await page.goto(`/hydra/join`, { waitUntil: 'networkidle' });
	await page.getByLabel('Join code').fill(code.toLowerCase().replace(/(...)/, '$1 '));
	await page.getByLabel('Team name').fill(team);
	await page.getByLabel('Agency your team plays').selectOption({ label: agency });
	await page.getByRole('button', { name: 'Join the exercise' }).click();
	await expect(page).toHaveURL(/\/hydra\/syndicate$/);
	await expect(page.getByText(team, { exact: false }).first()).toBeVisible();
	await page.waitForLoadState('networkidle');
}

const injects = (page: Page) => page.getByRole('region', { name: 'What has happened, newest first' }).getByRole('heading', { level: 3 });

test('a facilitator and two syndicates run three injects, compare decisions and answer the anonymous board', async ({ browser, page }) => {
	test.setTimeout(180_000);
	// A syndicate screen without the cookie sends people to join first.
	const stranger = await phone(browser, '127.0.4.9');
	await stranger.goto('/hydra/syndicate');
	await expect(stranger).toHaveURL(/\/hydra\/join$/);
	await stranger.context().close();

	// Control sets the exercise up from the signed-off scenario.
	await signIn(page, ACCOUNTS.consultant);
	await page.goto('/app/hydra/exercises');
	await expectAccessible(page);
	await page.getByLabel('Scenario').selectOption({ label: SCENARIO });
	await page.getByLabel('Name for this run').fill('Northbrook training day');
	await page.getByRole('button', { name: 'Set up the exercise' }).click();
	await expect(page.getByRole('heading', { level: 1, name: 'Northbrook training day' })).toBeVisible();
	const control = page.url();
	const code = ((await page.getByText(/^Join code: /).textContent()) ?? '').replace('Join code:', '').replace(/\s/g, '');
	expect(code).toMatch(/^[A-Z0-9]{6}$/);
	await expectAccessible(page);

	// Two syndicates join on their own devices.
	const police = await phone(browser, '127.0.4.1');
	const children = await phone(browser, '127.0.4.2');
	await police.goto('/hydra/join');
	await expectAccessible(police);
	await join(police, code, 'Blue table', 'Police');
	await join(children, code, 'Green table', 'Children\'s services');
	await expectAccessible(children);
	await expect(children.getByText('Waiting for control to start the exercise.')).toBeVisible();

	// Control sees both teams arrive without reloading.
	const logs = page.getByRole('region', { name: 'Decision logs' });
	await expect(logs.getByRole('heading', { name: 'Blue table (Police)' })).toBeVisible();
	await expect(logs.getByRole('heading', { name: 'Green table (Children\'s services)' })).toBeVisible();

	// Start, then the first inject (to everyone), then the second (police only).
	await page.getByRole('button', { name: 'Start the exercise' }).click();
	await expect(children.getByText('The exercise is running.')).toBeVisible();
	await page.getByRole('button', { name: 'Release next: 1. The home reports them missing' }).click();
	await expect(injects(police)).toHaveText(['The home reports them missing']);
	await expect(injects(children)).toHaveText(['The home reports them missing']);
	await expect(page.locator('.clock .time')).toHaveText('Day 1, 22:40');
	// The police table starts its decision on the first inject while control goes on releasing.
	await police.getByLabel('In response to').selectOption({ label: 'Day 1, 22:40: The home reports them missing' });
	await police.getByLabel('Decision', { exact: true }).fill('Grade the risk as high');
	await police.getByLabel('Rationale').fill('Third episode this month and seen with older men');

	await page.getByRole('button', { name: 'Release next: 2. Exploitation intelligence' }).click();
	await expect(injects(police)).toHaveText(['Exploitation intelligence', 'The home reports them missing']);
	// The third out of order, past the one for children's services and education: everyone's.
	await page.getByRole('button', { name: 'Release out of order: Found in another town' }).click();
	await expect(injects(police)).toHaveText(['Found in another town', 'Exploitation intelligence', 'The home reports them missing']);
	await expect(injects(children)).toHaveText(['Found in another town', 'The home reports them missing']);
	// Only police were sent the intelligence.
	await expect(children.getByText('Exploitation intelligence')).toHaveCount(0);
	await expect(children.getByText('Day 2, 15:10').first()).toBeVisible();
	await expectAccessible(police);

	// The plenary is open on a second screen in control.
	const plenary = await page.context().newPage();
	await plenary.goto(control + '/debrief', { waitUntil: 'networkidle' });
	await expectAccessible(plenary);

	// Two releases later, what the police table chose and typed is as they left it, and records against that inject.
	await expect(police.getByLabel('In response to').locator('option:checked')).toHaveText('Day 1, 22:40: The home reports them missing');
	await expect(police.getByLabel('Decision', { exact: true })).toHaveValue('Grade the risk as high');
	await expect(police.getByLabel('Rationale')).toHaveValue('Third episode this month and seen with older men');

	// Decisions: each appears in control and in the plenary comparison as it is written.
	await police.getByRole('button', { name: 'Record the decision' }).click();
	await expect(police.getByText('Decision recorded.')).toBeVisible();
	await expect(logs.getByText('Grade the risk as high')).toBeVisible();
	await expect(logs.getByRole('listitem').filter({ hasText: 'Grade the risk as high' })).toContainText('The home reports them missing');
	await expect(plenary.getByRole('cell', { name: /Grade the risk as high/ })).toBeVisible();

	await children.getByLabel('Decision', { exact: true }).fill('Offer a return interview within 72 hours');
	await children.getByLabel('Agency responsible').selectOption({ label: "Children's services" });
	await children.getByRole('button', { name: 'Record the decision' }).click();
	await expect(logs.getByText('Offer a return interview within 72 hours')).toBeVisible();
	await expect(plenary.getByRole('cell', { name: /Offer a return interview within 72 hours/ })).toBeVisible();
	// In the comparison the intelligence row says the children's syndicate was never sent it.
	const intelligence = plenary.getByRole('row', { name: /Exploitation intelligence/ });
	await expect(intelligence.getByRole('cell').nth(1)).toContainText('Not sent to this syndicate.');
	await expect(children.getByRole('region', { name: 'Your decision log' })).toContainText('Offer a return interview within 72 hours');
	await expectAccessible(children);

	// An observer's note, about one syndicate: control sees it, the syndicates never do.
	await page.getByLabel('Note', { exact: true }).fill('Blue table did not tell children’s services about the car');
	await page.getByLabel('About').selectOption({ label: 'Blue table' });
	await page.getByRole('button', { name: 'Add the note' }).click();
	await expect(page.getByText('About Blue table')).toBeVisible();
	await expect(police.getByText('did not tell children’s services')).toHaveCount(0);

	// Pause: the syndicates see it; control cannot release while paused.
	await page.getByRole('button', { name: 'Pause' }).click();
	await expect(police.getByText('Paused by control')).toBeVisible();
	await expect(page.getByRole('button', { name: /Release/ })).toHaveCount(0);
	await page.getByRole('button', { name: 'Resume' }).click();
	await expect(police.getByText('The exercise is running.')).toBeVisible();

	// The anonymous board: the facilitator asks, both syndicates answer, everyone sees every answer.
	await plenary.getByLabel('Question for the board').fill('What made your first risk grade hard?');
	await plenary.getByRole('button', { name: 'Open the board' }).click();
	await expect(police.getByText('What made your first risk grade hard?')).toBeVisible();
	await expect(children.getByText('What made your first risk grade hard?')).toBeVisible();
	await police.getByLabel('Your answer').fill('We only saw tonight, not the month');
	await police.getByRole('button', { name: 'Post anonymously' }).click();
	await children.getByLabel('Your answer').fill('Nobody told us about the car');
	await children.getByRole('button', { name: 'Post anonymously' }).click();
	const answers = plenary.getByRole('list', { name: 'Answers' });
	await expect(answers.getByRole('listitem')).toHaveText(['We only saw tonight, not the month', 'Nobody told us about the car']);
	await expect(police.getByRole('list', { name: 'Answers so far' }).getByRole('listitem')).toHaveText(['We only saw tonight, not the month', 'Nobody told us about the car']);
	// The board names nobody.
	await expect(answers).not.toContainText('Blue table');
	await expectAccessible(plenary);
	await expectAccessible(police);

	// The plenary links to the learning points and the debrief PDF.
	await expect(plenary.getByRole('link', { name: 'Learning points' })).toHaveAttribute('href', /\/learning$/);
	await expect(plenary.getByRole('link', { name: 'Debrief PDF' })).toHaveAttribute('href', /\/debrief\.pdf$/);

	// Ending closes the logs and the door.
	page.once('dialog', (dialog) => dialog.accept());
	await page.getByRole('button', { name: 'End the exercise' }).click();
	await expect(police.getByText('The exercise has ended.')).toBeVisible();
	await expect(police.getByRole('button', { name: 'Record the decision' })).toHaveCount(0);
	const late = await phone(browser, '127.0.4.3');
	await late.goto(`/hydra/join?code=${code}`, { waitUntil: 'networkidle' });
	await late.getByLabel('Team name').fill('Late table');
	await late.getByLabel('Agency your team plays').selectOption({ label: 'Health' });
	await late.getByRole('button', { name: 'Join the exercise' }).click();
	await expect(late.getByText('This exercise has ended, so it takes no more syndicates.')).toBeVisible();
	await expectAccessible(late);
	await expectAccessible(page);
	for (const p of [police, children, late]) await p.context().close();

	// What the debrief learned becomes an action on an area's plan, linked to a handoff and a mental model.
	await page.goto(`${control}/learning`);
	await page.getByLabel('Learning point').fill('Share exploitation intelligence with children’s services the same night');
	await page.getByLabel('Arose from the inject').selectOption({ label: 'Day 1, 23:55 · Exploitation intelligence' });
	await page.getByRole('button', { name: 'Add learning point' }).click();
	await page.getByRole('link', { name: /Make it an action/ }).click();
	await page.getByLabel('Area whose plan it goes on').selectOption({ label: 'Northbrook' });
	await page.getByRole('button', { name: 'Show this area’s choices' }).click();
	const handoff = page.getByRole('group', { name: /Handoffs this action addresses/ }).getByRole('checkbox').first();
	const model = page.getByRole('group', { name: /Mental models this action works on/ }).getByRole('checkbox').first();
	const handoffName = (await handoff.evaluate((box) => box.closest('label')?.textContent ?? '')).trim();
	const modelName = (await model.evaluate((box) => box.closest('label')?.textContent ?? '')).trim();
	await handoff.check();
	await model.check();
	await expectAccessible(page);
	await page.getByRole('button', { name: 'Add the action to the Northbrook plan' }).click();
	const added = page.getByRole('status').filter({ hasText: 'Action added' });
	await expect(added).toBeVisible();
	await added.getByRole('link', { name: 'Share exploitation intelligence with children’s services the same night' }).click();
	await expect(page).toHaveURL(/\/app\/areas\/northbrook\/actions\//);
	await expect(page.getByRole('heading', { level: 1 })).toContainText('Share exploitation intelligence');
	await expect(page.getByRole('main')).toContainText(handoffName);
	await expect(page.getByRole('main')).toContainText(modelName);

	// The debrief PDF downloads for control.
	const pdf = await page.request.get(`${control}/debrief.pdf`);
	expect(pdf.status()).toBe(200);
	expect(pdf.headers()['content-type']).toBe('application/pdf');
});

test('syndicate pages, forms and event streams refuse a browser without a valid syndicate cookie, and cross-site posts', async ({ playwright }) => {
	const api = await playwright.request.newContext({ baseURL: ORIGIN, maxRedirects: 0, extraHTTPHeaders: { 'x-forwarded-for': '127.0.4.20' } });
	for (const cookie of ['', 'homeward_hydra=forgedtoken']) {
		const headers: Record<string, string> = cookie ? { cookie } : {};
		const screen = await api.get('/hydra/syndicate', { headers });
		expect(screen.status()).toBe(303);
		expect(screen.headers()['location']).toBe('/hydra/join');
		const post = await api.post('/hydra/syndicate?/decide', { headers: { ...headers, origin: ORIGIN, accept: 'text/html' }, form: { injectId: 'x', decision: 'Forged', agency: 'police' } });
		expect(post.status()).toBe(303);
		expect(post.headers()['location']).toBe('/hydra/join');
		const events = await api.get('/hydra/syndicate/events', { headers });
		expect(events.status()).toBe(403);
	}
	const crossSite = await api.post('/hydra/join', { headers: { origin: 'https://attacker.example', accept: 'text/html' }, form: { code: 'ACDEFG', teamName: 'X', agency: 'police' } });
	expect(crossSite.status()).toBe(403);
	await api.dispose();
});

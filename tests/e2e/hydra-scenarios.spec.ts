// Hydra training's library, calendar and inbox: a consultant writes a scenario and sees the identifier check at work,
// a second consultant signs it off; a member of the public asks for a place and a consultant offers it.
import { expect, type Page } from '@playwright/test';
import { ACCOUNTS, expectAccessible, signIn, signOut, test } from './fixtures';

const addForm = (page: Page) => page.locator('details', { has: page.getByText('Add an inject', { exact: true }) });

test('a consultant writes a scenario, sees each identifier and fixes it; a second consultant signs it off', async ({ page }) => {
	test.setTimeout(120_000);
	await signIn(page, ACCOUNTS.consultant);
	await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Hydra' }).click();
	await expect(page.getByRole('heading', { name: 'Hydra training', level: 1 })).toBeVisible();
	await expect(page.getByRole('link', { name: 'Exercises' })).toHaveAttribute('href', '/app/hydra/exercises');
	await expectAccessible(page);
	await page.getByRole('link', { name: 'Scenarios' }).click();
	await expect(page.getByRole('article', { name: 'Fourth time this month: missing from a placement' })).toContainText('Signed off');
	await expectAccessible(page);

	await page.getByRole('link', { name: 'New scenario' }).click();
	await page.waitForLoadState('networkidle');
	await page.getByRole('button', { name: 'Save and add injects' }).click();
	await expect(page.getByText('Enter a title.')).toBeVisible();
	await expect(page.getByLabel('Title')).toHaveAttribute('aria-invalid', 'true');
	await expectAccessible(page);
	await page.getByLabel('Title').fill('Missing from hospital at night');
	await page.getByLabel('Summary').fill('An adult leaves a mental health ward at night, the third time this year.');
	await page.getByLabel(/the police.s job/).check();
	await page.getByLabel('Age band of the person').selectOption({ label: '26 to 64' });
	await page.getByRole('button', { name: 'Save and add injects' }).click();
	await expect(page.getByRole('heading', { name: 'Missing from hospital at night', level: 1 })).toBeVisible();
	await expect(page.getByText('Scenario created')).toBeVisible();

	const add = addForm(page);
	await add.getByLabel('Scenario time').fill('Day 1, 23:10');
	await add.getByLabel('Inject title').fill('The ward calls');
	await add.getByLabel('What the syndicates receive').fill('The ward reports that Marcus Delaney left at 23:00 and has not come back.');
	await add.getByLabel('Police').check();
	await add.getByLabel('Mental health').check();
	await add.getByRole('button', { name: 'Add to the end of the timeline' }).click();
	await expect(page.getByText('Inject added')).toBeVisible();
	await expect(page.getByText('The identifier check found 1 possible identifier')).toBeVisible();
	const check = page.getByRole('region', { name: 'Identifier check' });
	await expect(check.getByRole('listitem')).toHaveText([/Full name in Inject 1 \(Day 1, 23:10\): content.*Marcus Delaney left at 23:00/]);
	await expect(check.locator('mark')).toHaveText('Marcus Delaney');
	await expect(page.getByRole('article', { name: /The ward calls/ })).toContainText('Who receives it: Police, Mental health');
	await expectAccessible(page);

	// The author cannot sign it off.
	await expect(page.getByRole('region', { name: 'Sign-off as anonymised' })).toContainText('You wrote this scenario');

	await page.getByText('Edit or delete “The ward calls”').click();
	const edit = page.getByRole('article', { name: /The ward calls/ });
	await edit.getByLabel('What the syndicates receive').fill('The ward reports that a detained patient left at 23:00 and has not come back.');
	await edit.getByRole('button', { name: 'Save inject' }).click();
	await expect(page.getByText('Inject saved')).toBeVisible();
	await expect(check.getByText('No likely identifiers found')).toBeVisible();

	// A second inject with an invented name: flagged, and the signer must confirm it.
	await add.getByText('Add an inject').click();
	await add.getByLabel('Scenario time').fill('Day 2, 08:30');
	await add.getByLabel('Inject title').fill('A message');
	await add.getByLabel('What the syndicates receive').fill('A note signed Zephyr Quillfeather arrives at the ward.');
	await add.getByRole('button', { name: 'Add to the end of the timeline' }).click();
	await expect(check.locator('mark')).toHaveText('Zephyr Quillfeather');
	const url = page.url().split('?')[0];
	await signOut(page);

	await signIn(page, ACCOUNTS.consultant2);
	await page.goto(url);
	const signOff = page.getByRole('region', { name: 'Sign-off as anonymised' });
	await signOff.getByRole('button', { name: 'Sign off as anonymised' }).click();
	await expect(page.getByText(/1 item is not confirmed/)).toBeVisible();
	await expect(page.getByText('Not signed off', { exact: true }).first()).toBeVisible();
	await expectAccessible(page);
	await signOff.getByLabel(/“Zephyr Quillfeather” \(full name\) in Inject 2 \(Day 2, 08:30\): content: not about a real person/).check();
	await signOff.getByRole('button', { name: 'Sign off as anonymised' }).click();
	await expect(page.getByText('The scenario can now be run live.')).toBeVisible();
	await expect(page.getByRole('region', { name: 'Status' })).toContainText('Signed off as anonymised by Morgan Consultant');
	await expectAccessible(page);

	// Any later change clears it, and says so.
	await page.getByRole('article', { name: /A message/ }).getByRole('button', { name: /^Move up/ }).click();
	await expect(page.getByText('The sign-off was cleared')).toBeVisible();
	await expect(page.getByRole('article', { name: /A message/ })).toBeVisible();
	await expect(page.locator('.timeline h3').first()).toContainText('A message');
	await page.goto('/app/hydra/scenarios');
	await expect(page.getByRole('article', { name: 'Missing from hospital at night' })).toContainText('Not signed off');
});

test('a member of the public asks for a place on a listed session, and a consultant offers it from the inbox', async ({ page, browser }) => {
	test.setTimeout(120_000);
	for (const width of [1280, 320]) {
		const context = await browser.newContext({ viewport: { width, height: 900 }, extraHTTPHeaders: { 'x-forwarded-for': '127.0.3.1' } });
		const tab = await context.newPage();
		await tab.goto('/hydra');
		await expect(tab.getByRole('heading', { name: 'Upcoming sessions' })).toBeVisible();
		await expectAccessible(tab);
		await context.close();
	}

	const context = await browser.newContext({ extraHTTPHeaders: { 'x-forwarded-for': '127.0.3.2' } });
	const visitor = await context.newPage();
	await visitor.goto('/hydra');
	await expect(visitor.getByRole('listitem').filter({ hasText: 'Hydra: children missing from care' })).toContainText('30 places left');
	await visitor.getByRole('link', { name: /Ask for a place on Hydra: children missing from care/ }).click();
	await expect(visitor.getByRole('combobox', { name: /Session/ })).toHaveValue(/.+/);
	// Nothing filled in: each error beside its field, nothing sent.
	await visitor.getByRole('button', { name: 'Send request' }).click();
	await expect(visitor.getByText('Enter your name.')).toBeVisible();
	await expect(visitor.getByLabel('Your name')).toHaveAttribute('aria-invalid', 'true');
	await expect(visitor.getByText('Choose the kind of organisation you work for.')).toBeVisible();
	await expectAccessible(visitor);
	await visitor.getByLabel('Your name').fill('Ash Example');
	await visitor.getByLabel('Organisation name').fill('Westmarch Children’s Services');
	await visitor.getByLabel('Your organisation works in').selectOption({ label: "Children's services" });
	await visitor.getByLabel('Work email address').fill('ash@westmarch.example');
	await visitor.getByRole('button', { name: 'Send request' }).click();
	await expect(visitor.getByText('Thank you: your request has reached our consultants')).toBeVisible();
	await expect(visitor.getByText('We will email you to say whether a place is yours')).toBeVisible();
	await context.close();

	await signIn(page, ACCOUNTS.consultant);
	await page.goto('/app/hydra/requests');
	const request = page.getByRole('article', { name: 'Westmarch Children’s Services' });
	await expect(request).toContainText('A place on a session: Hydra: children missing from care');
	await expect(request).toContainText('0 of 30 offered');
	await expect(request).toContainText('Ash Example, ash@westmarch.example');
	await expectAccessible(page);
	await request.getByLabel('Status', { exact: true }).selectOption({ label: 'Place offered or session agreed' });
	await request.getByRole('button', { name: /Save the status/ }).click();
	await expect(page.getByText('Status saved')).toBeVisible();
	await expect(request).toContainText('1 of 30 offered');

	await page.goto('/app/hydra/events');
	await expect(page.getByRole('article', { name: 'Hydra: children missing from care' })).toContainText('1 of 30 places offered');
	await expectAccessible(page);
	await page.getByRole('link', { name: 'Hydra: children missing from care' }).click();
	await expect(page.getByLabel('Number of places')).toHaveValue('30');
	await expectAccessible(page);

	const anon = await browser.newContext({ extraHTTPHeaders: { 'x-forwarded-for': '127.0.3.3' } });
	const again = await anon.newPage();
	await again.goto('/hydra');
	await expect(again.getByRole('listitem').filter({ hasText: 'Hydra: children missing from care' })).toContainText('29 places left');
	await anon.close();
});

test('a consultant schedules, edits and cancels a session, and the public page follows', async ({ page }) => {
	test.setTimeout(90_000);
	await signIn(page, ACCOUNTS.consultant2);
	await page.goto('/app/hydra/events');
	await page.waitForLoadState('networkidle');
	await page.getByLabel('Title').fill('Hydra taster morning');
	await page.getByLabel('Date').fill('2030-10-24');
	await page.getByLabel('Starts').fill('16:00');
	await page.getByLabel('Ends').fill('09:00');
	await page.getByLabel('Venue').fill('Westmarch Library, Westmarch');
	await page.getByLabel('Number of places').fill('12');
	await page.getByRole('button', { name: 'Schedule session' }).click();
	await expect(page.getByText('End the session after it starts.')).toBeVisible();
	await expect(page.getByLabel('Title')).toHaveValue('Hydra taster morning');
	await page.getByLabel('Starts').fill('09:30');
	await page.getByLabel('Ends').fill('12:30');
	await page.getByRole('button', { name: 'Schedule session' }).click();
	await expect(page.getByText('Session scheduled')).toBeVisible();
	// The last Thursday of October 2030 is still British Summer Time.
	await expect(page.getByRole('article', { name: 'Hydra taster morning' })).toContainText('24 October 2030, 09:30 to 12:30 BST');

	await page.getByRole('link', { name: 'Hydra taster morning' }).click();
	// The list page has a "Number of places" field too: wait for the session's own page before typing.
	await expect(page.getByRole('button', { name: 'Save session' })).toBeVisible();
	await page.getByLabel('Number of places').fill('15');
	await page.getByRole('button', { name: 'Save session' }).click();
	await expect(page.getByText('Session saved')).toBeVisible();
	const pub = await page.context().browser()!.newContext();
	const visitor = await pub.newPage();
	await visitor.goto('/hydra');
	await expect(visitor.getByRole('listitem').filter({ hasText: 'Hydra taster morning' })).toContainText('15 places left');

	page.on('dialog', (dialog) => dialog.accept());
	await page.getByRole('button', { name: 'Cancel session' }).click();
	await expect(page.getByText('Tick the box to confirm that the session is cancelled.')).toBeVisible();
	await page.getByLabel('Yes, cancel and delete this session').check();
	await page.getByRole('button', { name: 'Cancel session' }).click();
	await expect(page.getByText('Session cancelled and deleted')).toBeVisible();
	await visitor.goto('/hydra');
	await expect(visitor.getByText('Hydra taster morning')).toHaveCount(0);
	await pub.close();
});

// Facilitating a live Hydra exercise: control moderates the anonymous board while two syndicates (each in its own
// browser context) answer it; the syndicate screen keeps a team inside the exercise; the debrief PDF leaves out what
// control held or hid.
import { expect, type Page } from '@playwright/test';
import { ACCOUNTS, expectAccessible, signIn, test } from './fixtures';
import { joinByLink, syndicateDevice } from './hydra-syndicates';
import { pdfPages } from '../helpers/pdf';

const SCENARIO = 'Missing from a children’s home at night (short live demo)';

const answersOn = (page: Page) => page.getByRole('list', { name: 'Answers so far' }).getByRole('listitem');

test('control holds a flagged board answer and hides another from every screen and from the debrief PDF', async ({ browser, page }) => {
	test.setTimeout(150_000);
	await signIn(page, ACCOUNTS.consultant);
	await page.goto('/app/hydra/exercises');
	await page.getByLabel('Scenario').selectOption({ label: SCENARIO });
	await page.getByLabel('Name for this run').fill('Moderated board day');
	await page.getByRole('button', { name: 'Set up the exercise' }).click();
	await expect(page.getByRole('heading', { level: 1, name: 'Moderated board day' })).toBeVisible();
	const control = page.url();
	const code = ((await page.getByText(/^Join code: /).textContent()) ?? '').replace('Join code:', '').replace(/\s/g, '');

	const police = await syndicateDevice(browser, '127.0.5.1');
	const health = await syndicateDevice(browser, '127.0.5.2');
	await joinByLink(police, code, 'Red table', 'Police');
	await joinByLink(health, code, 'Amber table', 'Health');

	// The syndicate screen is the exercise only: no site navigation to click away through.
	await expect(police.getByRole('navigation', { name: 'Main' })).toHaveCount(0);
	await expect(police.getByRole('link', { name: 'Appeals' })).toHaveCount(0);
	await expect(police.getByRole('link', { name: /Accessibility statement/ })).toHaveAttribute('target', '_blank');
	await expectAccessible(police);

	// "Decision recorded" belongs to the inject it answered: it clears when the next one arrives.
	await page.getByRole('button', { name: 'Start the exercise' }).click();
	await page.getByRole('button', { name: /^Release next: 1\./ }).click();
	await expect(police.getByRole('button', { name: 'Record the decision' })).toBeVisible();
	await police.getByLabel('Decision', { exact: true }).fill('Grade the risk as high');
	await police.getByRole('button', { name: 'Record the decision' }).click();
	await expect(police.getByText('Decision recorded.')).toBeVisible();
	await page.getByRole('button', { name: /^Release next: 2\./ }).click();
	await expect(police.getByRole('region', { name: 'What has happened, newest first' }).getByRole('heading', { level: 3 })).toHaveCount(2);
	await expect(police.getByText('Decision recorded.')).toHaveCount(0);

	// The board opens from the plenary; both syndicates answer.
	const plenary = await page.context().newPage();
	await plenary.goto(control + '/debrief', { waitUntil: 'networkidle' });
	await plenary.getByLabel('Question for the board').fill('What would you do differently?');
	await plenary.getByRole('button', { name: 'Open the board' }).click();
	await expect(police.getByLabel('Your answer')).toBeVisible();
	await expect(health.getByLabel('Your answer')).toBeVisible();

	await police.getByLabel('Your answer').fill('Call the home sooner');
	await police.getByRole('button', { name: 'Post anonymously' }).click();
	await expect(answersOn(health)).toHaveText(['Call the home sooner']);

	// An answer with a phone number is held: its writer is told, nobody else sees it, control does.
	await health.getByLabel('Your answer').fill('Her foster carer is on 07700 900461');
	await health.getByRole('button', { name: 'Post anonymously' }).click();
	await expect(health.getByText('Your answer is waiting for control')).toBeVisible();
	const moderation = page.getByRole('region', { name: 'Anonymous board: moderation' });
	await expect(moderation.getByText('Her foster carer is on 07700 900461')).toBeVisible();
	await expect(moderation.getByText('The check found: Phone number.')).toBeVisible();
	await expectAccessible(page);
	await expectAccessible(health);

	// Another answer goes on the board, then control hides it: it leaves both syndicate screens without a reload.
	await health.getByLabel('Your answer').fill('Like the Oakfield case we all remember');
	await health.getByRole('button', { name: 'Post anonymously' }).click();
	await expect(answersOn(police)).toHaveText(['Call the home sooner', 'Like the Oakfield case we all remember']);
	await expect(answersOn(health)).toHaveText(['Call the home sooner', 'Like the Oakfield case we all remember']);
	const post = moderation.getByRole('listitem').filter({ hasText: 'Like the Oakfield case we all remember' });
	await post.getByLabel('Why hide it').fill('Points to a real case');
	await post.getByRole('button', { name: /^Hide:/ }).click();
	await Promise.all([
		expect(answersOn(police)).toHaveText(['Call the home sooner']),
		expect(answersOn(health)).toHaveText(['Call the home sooner'])
	]);
	await expect(plenary.getByRole('list', { name: 'Answers' }).getByRole('listitem')).toHaveText(['Call the home sooner']);
	await expectAccessible(plenary);
	await expect(post.getByText('Why: Points to a real case')).toBeVisible();
	await expect(police.getByText('07700 900461')).toHaveCount(0);
	await expectAccessible(page);
	await expectAccessible(police);

	// Neither the held nor the hidden answer reaches the debrief PDF.
	const pdf = await page.request.get(`${control}/debrief.pdf`);
	expect(pdf.status()).toBe(200);
	const text = (await pdfPages(await pdf.body())).join('\n').replace(/\s+/g, ' ');
	expect(text).toContain('Call the home sooner');
	expect(text).not.toContain('Oakfield');
	expect(text).not.toContain('07700 900461');

	// The decision log downloads as CSV, with the decision recorded above.
	const csv = await page.request.get(`${control}/decisions.csv`);
	expect(csv.status()).toBe(200);
	expect(csv.headers()['content-type']).toContain('text/csv');
	expect(await csv.text()).toContain('Grade the risk as high');

	// Learning points, live: a point added in one consultant's tab appears in another's without a reload.
	const learning = await page.context().newPage();
	await learning.goto(`${control}/learning`, { waitUntil: 'networkidle' });
	await expectAccessible(learning);
	await page.goto(`${control}/learning`);
	await page.getByLabel('Learning point').fill('Agree who calls the foster carer');
	await page.getByRole('button', { name: 'Add learning point' }).click();
	await expect(learning.getByText('Agree who calls the foster carer').first()).toBeVisible();

	for (const p of [police, health]) await p.context().close();
});

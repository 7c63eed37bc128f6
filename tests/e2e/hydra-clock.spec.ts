// Running a live Hydra exercise on the clock: the server releases the drill's injects at their times after the start
// to two syndicates (each in its own browser context), a pause holds the next one and a resume lets it out; control
// sees each syndicate's connected screens and messages one syndicate without the other seeing it.
import { expect, type Page } from '@playwright/test';
import { ACCOUNTS, expectAccessible, signIn, test } from './fixtures';
import { joinByLink, syndicateDevice } from './hydra-syndicates';

const SCENARIO = 'Missing after school (clock drill, injects seconds apart)';
const SHOTS = process.env.E2E_RESULTS ?? 'test-results';

const injectOn = (page: Page, title: string) =>
	page.getByRole('region', { name: 'What has happened, newest first' }).getByRole('heading', { level: 3, name: title });

/** When the inject showed on the screen (ms since the epoch), waiting at most `timeout`. */
async function arrival(page: Page, title: string, timeout = 8000) {
	await injectOn(page, title).waitFor({ state: 'visible', timeout });
	return Date.now();
}

test('the server runs the exercise on the clock for two syndicates; pause holds the next inject and resume lets it out', async ({ browser, page }) => {
	test.setTimeout(120_000);
	await signIn(page, ACCOUNTS.consultant);
	await page.goto('/app/hydra/exercises');
	await page.getByLabel('Scenario').selectOption({ label: SCENARIO });
	await page.getByLabel('Name for this run').fill('Clock drill run');
	await page.getByRole('button', { name: 'Set up the exercise' }).click();
	await expect(page.getByRole('heading', { level: 1, name: 'Clock drill run' })).toBeVisible();
	const code = ((await page.getByText(/^Join code: /).textContent()) ?? '').replace('Join code:', '').replace(/\s/g, '');

	const police = await syndicateDevice(browser, '127.0.6.1', { width: 390, height: 844 });
	const health = await syndicateDevice(browser, '127.0.6.2', { width: 390, height: 844 });
	await joinByLink(police, code, 'Red table', 'Police');
	await joinByLink(health, code, 'Amber table', 'Health');

	// Control sees each syndicate's connected screen (the first time after control's own stream has connected, which
	// on a busy machine takes longer than a live change once it has).
	const screens = page.getByRole('region', { name: 'Syndicates’ screens' });
	await expect(screens.getByRole('row', { name: /Red table/ }).getByRole('cell').first()).toHaveText('1', { timeout: 10_000 });
	await expect(screens.getByRole('row', { name: /Amber table/ }).getByRole('cell').first()).toHaveText('1');
	await expect(page.getByRole('listitem').filter({ hasText: '1. Not home from school' }).getByText('At 0:03')).toBeVisible();

	// Run on the clock: the first inject is due 3 s after the start, the second at 7 s, the third at 12 s.
	const startedBefore = Date.now();
	await page.getByRole('button', { name: 'Start and run on the clock' }).click();
	const [policeFirst, healthFirst] = await Promise.all([arrival(police, 'Not home from school'), arrival(health, 'Not home from school')]);
	for (const t of [policeFirst, healthFirst]) {
		expect(t - startedBefore).toBeGreaterThanOrEqual(3000);
		expect(t - startedBefore).toBeLessThan(3000 + 2000);
	}
	await expect(police.getByRole('timer', { name: 'Room clock' })).toHaveText(/^0:0[3-9]$/);
	await expect(page.getByText('Running on the clock')).toBeVisible();

	const [policeSecond, healthSecond] = await Promise.all([arrival(police, 'Seen at the bus station'), arrival(health, 'Seen at the bus station')]);
	for (const t of [policeSecond, healthSecond]) {
		expect(t - startedBefore).toBeGreaterThanOrEqual(7000);
		expect(t - startedBefore).toBeLessThan(7000 + 2000);
	}

	// Pause at once: the clock stops, and the third inject (due at 12 s) is held however long the pause lasts.
	await page.getByRole('button', { name: 'Pause' }).click();
	await expect(page.getByRole('button', { name: 'Resume' })).toBeVisible();
	const pausedAt = Number(((await page.getByRole('timer', { name: 'Room clock' }).textContent()) ?? '').split(':')[1]);
	expect(pausedAt).toBeGreaterThanOrEqual(7);
	expect(pausedAt).toBeLessThan(12);
	await expect(police.getByText('Paused', { exact: true }).first()).toBeVisible();
	await police.waitForTimeout(Math.max(0, startedBefore + 12_000 + 2_000 - Date.now()));
	await expect(injectOn(police, 'A message from an unknown number')).toHaveCount(0);
	await expect(injectOn(health, 'A message from an unknown number')).toHaveCount(0);
	await expect(police.getByRole('timer', { name: 'Room clock' })).toHaveText(`0:${String(pausedAt).padStart(2, '0')}`);
	await expectAccessible(police);

	// Resume: the clock carries on from where it stopped, so the third inject comes (12 - pausedAt) s later.
	const resumedBefore = Date.now();
	await page.getByRole('button', { name: 'Resume' }).click();
	const [policeThird, healthThird] = await Promise.all([arrival(police, 'A message from an unknown number'), arrival(health, 'A message from an unknown number')]);
	for (const t of [policeThird, healthThird]) {
		expect(t - resumedBefore).toBeGreaterThanOrEqual((12 - pausedAt - 1) * 1000);
		expect(t - resumedBefore).toBeLessThan((12 - pausedAt) * 1000 + 2000);
	}
	await expect(page.getByText('the clock has no more injects to release.')).toBeVisible();
	await expectAccessible(page);
	await page.screenshot({ path: `${SHOTS}/hydra-clock-control.png`, fullPage: false });
	await page.screenshot({ path: `${SHOTS}/hydra-clock-control-full.png`, fullPage: true });

	// A message to one syndicate shows on its screen only; one to every syndicate shows on both.
	const form = page.getByRole('region', { name: 'Syndicates’ screens' });
	await form.getByLabel('To').selectOption({ label: 'Red table' });
	await form.getByLabel('Message').fill('Red table: record your risk grade before the plenary.');
	await form.getByRole('button', { name: 'Send the message' }).click();
	const fromControl = (p: Page) => p.getByRole('region', { name: 'From control' });
	await expect(fromControl(police).getByText('Red table: record your risk grade before the plenary.')).toBeVisible();
	await form.getByLabel('Message').fill('Five minutes until the plenary.');
	await form.getByRole('button', { name: 'Send the message' }).click();
	await expect(fromControl(health).getByText('Five minutes until the plenary.')).toBeVisible();
	await expect(fromControl(police).getByText('Five minutes until the plenary.')).toBeVisible();
	await expect(health.getByText('Red table: record your risk grade before the plenary.')).toHaveCount(0);
	await expect(form.getByRole('listitem').filter({ hasText: 'Red table: record your risk grade' })).toContainText('To Red table');

	// A message that could identify someone is refused next to the field, and sent nowhere.
	await form.getByLabel('Message').fill('Ring the carer on 07700 900461');
	await form.getByRole('button', { name: 'Send the message' }).click();
	await expect(form.getByText(/The check found: Phone number/)).toBeVisible();
	await expect(form.getByLabel('Message')).toHaveValue('Ring the carer on 07700 900461');
	await expect(police.getByText('07700 900461')).toHaveCount(0);
	await expectAccessible(page);
	await expectAccessible(health);
	await police.screenshot({ path: `${SHOTS}/hydra-clock-syndicate.png`, fullPage: false });

	// A syndicate that closes its screen leaves control's count.
	await health.context().close();
	await expect(screens.getByRole('row', { name: /Amber table/ }).getByRole('cell').first()).toHaveText('0 (none open)');
	await police.context().close();
});

import { expect, type Browser, type Page } from '@playwright/test';
import { ACCOUNTS, expectAccessible, signIn, test } from './fixtures';

const PRESENT = '/app/areas/northbrook/present';
const results = process.env.E2E_RESULTS ?? 'test-results';

async function signedIn(browser: Browser, account: string, viewport = { width: 1280, height: 720 }) {
	const context = await browser.newContext({ locale: 'en-GB', viewport });
	const page = await context.newPage();
	await signIn(page, account);
	return { context, page };
}

const heading = (page: Page) => page.getByRole('heading', { level: 1 });

/** The facilitator's own way to any slide: the "Go to slide" form. */
async function openSettings(page: Page) {
	const details = page.locator('details.facilitate');
	if (!(await details.evaluate((d) => (d as HTMLDetailsElement).open))) await page.getByText('Timer, slides and map view').click();
}

async function goToSlide(page: Page, label: string) {
	await openSettings(page);
	await page.getByLabel('Go to slide').selectOption({ label });
	await page.getByRole('button', { name: 'Show this slide' }).click();
}

/** Every drawn label on the map (actors' and handoffs'), as boxes on screen; none may overlap another. */
async function expectLabelsApart(page: Page) {
	const boxes = await page.locator('svg.canvas g.labels text').evaluateAll((texts) =>
		texts
			.map((t) => t.getBoundingClientRect())
			.filter((r) => r.width > 0)
			.map((r) => ({ x0: r.left, y0: r.top, x1: r.right, y1: r.bottom }))
	);
	expect(boxes.length).toBeGreaterThan(3);
	const clash = boxes.flatMap((a, i) =>
		boxes.slice(i + 1).filter((b) => Math.min(a.x1, b.x1) - Math.max(a.x0, b.x0) > 1 && Math.min(a.y1, b.y1) - Math.max(a.y0, b.y0) > 1)
	);
	expect(clash).toEqual([]);
}

test('present mode steps through the stages on the map; a follower follows without a reload, looks around, then follows again', async ({ browser }) => {
	const facilitator = await signedIn(browser, ACCOUNTS.consultant);
	const follower = await signedIn(browser, ACCOUNTS.viewerNorth);
	await facilitator.page.goto(PRESENT);
	await goToSlide(facilitator.page, '1. Before');
	await expect(heading(facilitator.page)).toHaveText('Before');
	await follower.page.goto(PRESENT);
	await expect(heading(follower.page)).toHaveText('Before');
	await expect(follower.page.getByText('following the facilitator')).toBeVisible();

	// Full screen, without the app's menus: the map itself, with a way out.
	for (const { page } of [facilitator, follower]) {
		await expect(page.getByRole('navigation', { name: 'Main' })).toHaveCount(0);
		await expect(page.getByRole('button', { name: 'Sign out' })).toHaveCount(0);
		await expect(page.getByRole('group', { name: /^The map at the before stage/ })).toBeVisible();
		await expect(page.getByRole('link', { name: 'Leave present mode' })).toBeVisible();
	}
	await expect(follower.page.getByRole('button', { name: 'Next slide' })).toHaveCount(0);

	// The facilitator steps with the keyboard (arrows, a clicker's PageUp/PageDown, Space); the follower moves along.
	const steps: [string, string][] = [
		['ArrowRight', 'During'],
		['PageDown', 'Return'],
		[' ', 'After'],
		['PageUp', 'Return'],
		['ArrowLeft', 'During']
	];
	await facilitator.page.locator('body').click({ position: { x: 5, y: 5 } });
	for (const [key, stage] of steps) {
		await facilitator.page.keyboard.press(key);
		await expect(heading(facilitator.page)).toHaveText(stage);
		await expect(heading(follower.page)).toHaveText(stage);
	}

	// The stage's handoffs are highlighted and labelled on the map, and listed in words.
	const map = follower.page.getByRole('group', { name: /^The map at the during stage: \d+ handoffs? highlighted/ });
	await expect(map).toBeVisible();
	const labelled = follower.page.locator('svg.canvas text.handoff');
	expect(await labelled.count()).toBeGreaterThan(0);
	await follower.page.getByText("This stage's handoffs as a list").click();
	const listed = await follower.page.locator('details.text li strong').allTextContents();
	const drawn = await labelled.allTextContents();
	for (const text of drawn) expect(listed.some((l) => l.startsWith(text.replace(/…$/, '')))).toBe(true);
	await expectLabelsApart(follower.page);
	await expectAccessible(follower.page);
	await expectAccessible(facilitator.page);
	await follower.page.screenshot({ path: `${results}/present-1280x720.png` });

	// Looking around: the follower steps alone and stays put while the facilitator moves on.
	await follower.page.getByRole('link', { name: 'Look around on my own' }).click();
	await expect(follower.page.getByText('looking around on your own')).toBeVisible();
	await follower.page.locator('body').click({ position: { x: 5, y: 5 } });
	await follower.page.keyboard.press('ArrowRight');
	await expect(heading(follower.page)).toHaveText('Return');
	await facilitator.page.keyboard.press('ArrowLeft');
	await expect(heading(facilitator.page)).toHaveText('Before');
	await follower.page.waitForTimeout(1000);
	await expect(heading(follower.page)).toHaveText('Return');
	await expect(follower.page.getByText('The room is on Before.')).toBeVisible();
	await expectAccessible(follower.page);

	// Following again, by keyboard: back on the facilitator's slide, and moving with it.
	await follower.page.getByRole('button', { name: 'Follow again' }).focus();
	await follower.page.keyboard.press('Enter');
	await expect(heading(follower.page)).toHaveText('Before');
	await facilitator.page.keyboard.press('ArrowRight');
	await expect(heading(follower.page)).toHaveText('During');

	// The timer: the facilitator starts and pauses it; every screen shows it.
	await openSettings(facilitator.page);
	await facilitator.page.getByLabel('Minutes').selectOption('5');
	await facilitator.page.getByRole('button', { name: 'Reset the timer' }).click();
	await expect(follower.page.getByText('5:00')).toBeVisible();
	await facilitator.page.getByRole('button', { name: 'Start the timer' }).click();
	await expect(follower.page.getByText('running')).toBeVisible();
	await expect(follower.page.getByText(/^4:5\d$/)).toBeVisible({ timeout: 5000 });
	await facilitator.page.getByRole('button', { name: 'Pause the timer' }).click();
	await expect(follower.page.getByText('paused')).toBeVisible();
	const held = await follower.page.locator('.timer .time').textContent();
	await follower.page.waitForTimeout(1500);
	await expect(follower.page.locator('.timer .time')).toHaveText(held!);
	await facilitator.page.getByRole('button', { name: 'Reset the timer' }).click();

	await goToSlide(facilitator.page, '1. Before');
	await facilitator.context.close();
	await follower.context.close();
});

test('present mode stays legible on a 4K screen: larger type, labels apart', async ({ browser }) => {
	const small = await signedIn(browser, ACCOUNTS.viewerNorth);
	const large = await signedIn(browser, ACCOUNTS.viewerNorth, { width: 3840, height: 2160 });
	for (const { page } of [small, large]) await page.goto(`${PRESENT}?follow=0&slide=stage:during`);
	const size = (page: Page) => heading(page).evaluate((h) => parseFloat(getComputedStyle(h).fontSize));
	expect(await size(large.page)).toBeGreaterThan((await size(small.page)) * 2);
	await expectLabelsApart(large.page);
	await large.page.screenshot({ path: `${results}/present-3840x2160.png` });
	await small.context.close();
	await large.context.close();
});

test('the facilitator shows the swimlane, then the slides after the map: revealed votes, survey shifts, the theory of change', async ({ browser }) => {
	const facilitator = await signedIn(browser, ACCOUNTS.consultant);
	const { page } = facilitator;
	await page.goto(PRESENT);
	await goToSlide(page, '3. Return');
	await expect(heading(page)).toHaveText('Return');
	await page.getByLabel('Drawn as').selectOption({ label: 'Swimlane (journey)' });
	await page.getByRole('button', { name: 'Draw the map this way' }).click();
	await expect(page.getByRole('img', { name: /^The map at the return stage/ })).toBeVisible();
	await expectAccessible(page);
	await page.screenshot({ path: `${results}/present-swimlane-1280x720.png` });
	await page.getByLabel('Drawn as').selectOption({ label: 'Network' });
	await page.getByRole('button', { name: 'Draw the map this way' }).click();
	await expect(page.getByRole('group', { name: /^The map at the return stage/ })).toBeVisible();

	const slides = (await page.getByLabel('Go to slide').locator('option').allTextContents()).slice(5);
	for (const label of slides) {
		await goToSlide(page, label);
		await expect(heading(page)).toHaveText(label.replace(/^\d+\. /, ''));
		await expectAccessible(page);
		await page.screenshot({ path: `${results}/present-slide-${label.replace(/\W+/g, '-').slice(0, 30)}.png` });
	}
	await goToSlide(page, '1. Before');
	await facilitator.context.close();
});

// Present mode in a workshop room: guests on their phones (no account) follow the facilitator's slide through their
// room's own stream, look around on their own and follow again; the room's notes get a slide by theme that never shows
// a held note; a guest's cookie still opens nothing of the area but the room.
import { expect, type Browser, type Page } from '@playwright/test';
import { ACCOUNTS, expectAccessible, signIn, test } from './fixtures';
import { PHONE, addNote, join, openRoom, phone } from './workshop-room';

const AREA = '/app/areas/northbrook';
const PRESENT = `${AREA}/present`;
const SHOTS = process.env.E2E_RESULTS ?? 'test-results';
const TITLE = 'Northbrook, workshop 5 (follow e2e)';

async function facilitatorScreen(browser: Browser) {
	const context = await browser.newContext({ locale: 'en-GB', viewport: { width: 1280, height: 720 } });
	const page = await context.newPage();
	await signIn(page, ACCOUNTS.consultant);
	return page;
}

async function openSettings(page: Page) {
	const details = page.locator('details.facilitate');
	if (!(await details.evaluate((d) => (d as HTMLDetailsElement).open))) await page.getByText('Timer, slides and map view').click();
}

/** The facilitator's own way to any slide: the "Go to slide" form, by the slide's title. */
async function goToSlide(page: Page, title: string | RegExp) {
	await openSettings(page);
	const labels = await page.getByLabel('Go to slide').locator('option').allTextContents();
	const label = labels.find((l) => (typeof title === 'string' ? l.replace(/^\d+\. /, '') === title : title.test(l)));
	expect(label, `a slide called ${title}`).toBeTruthy();
	await page.getByLabel('Go to slide').selectOption({ label: label! });
	await page.getByRole('button', { name: 'Show this slide' }).click();
}

const onScreen = (page: Page) => page.getByRole('region', { name: /.+/ }).filter({ has: page.locator('#present-heading') });
const slideTitle = (page: Page) => page.locator('#present-heading');

test('guests follow the facilitator’s presentation on their phones, look around, follow again, and see the notes by theme', async ({ browser }) => {
	test.setTimeout(180_000);
	const facilitator = await facilitatorScreen(browser);
	const { code, url: roomPage } = await openRoom(facilitator, TITLE);
	await facilitator.goto(PRESENT);
	await goToSlide(facilitator, 'Before');
	await expect(facilitator.getByRole('heading', { level: 1 })).toHaveText('Before');

	const [asha, ben] = await Promise.all([phone(browser, '127.0.7.1'), phone(browser, '127.0.7.2')]);
	await join(asha, code, 'Asha', 'Northbrook Police');
	await join(ben, code, 'Ben', 'Northbrook Academy');
	for (const guest of [asha, ben]) {
		await expect(slideTitle(guest)).toHaveText('Before');
		await expect(guest.getByText('following the facilitator')).toBeVisible();
		await expect(guest.getByRole('group', { name: /^The map at the before stage/ })).toBeVisible();
		// Guests follow; only the facilitator moves the room.
		await expect(guest.getByRole('button', { name: 'Next slide' })).toHaveCount(0);
	}

	// On a phone the slide comes first, the room's votes and notes below it.
	const slideBox = (await onScreen(asha).boundingBox())!;
	const noteBox = (await asha.getByRole('heading', { name: 'Add a sticky note' }).boundingBox())!;
	expect(slideBox.y).toBeLessThan(noteBox.y);
	expect(slideBox.width).toBeLessThanOrEqual(PHONE.width);
	expect(await asha.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);
	await expectAccessible(asha);
	await asha.screenshot({ path: `${SHOTS}/room-present-guest-390x844.png` });

	// The facilitator steps; both phones follow without a reload.
	await facilitator.locator('body').click({ position: { x: 5, y: 5 } });
	for (const [key, stage] of [['ArrowRight', 'During'], ['ArrowRight', 'Return']] as const) {
		await facilitator.keyboard.press(key);
		await expect(facilitator.getByRole('heading', { level: 1 })).toHaveText(stage);
		for (const guest of [asha, ben]) await expect(slideTitle(guest)).toHaveText(stage);
	}

	// Asha looks around on her own and stays put while the facilitator moves on; Ben keeps following.
	await asha.getByRole('link', { name: 'Look around on my own' }).click();
	await expect(asha.getByText('looking around on your own')).toBeVisible();
	await asha.getByRole('link', { name: 'Next slide' }).click();
	await expect(slideTitle(asha)).toHaveText('After');
	await facilitator.keyboard.press('ArrowLeft');
	await expect(facilitator.getByRole('heading', { level: 1 })).toHaveText('During');
	await expect(slideTitle(ben)).toHaveText('During');
	await asha.waitForTimeout(1000);
	await expect(slideTitle(asha)).toHaveText('After');
	await expect(asha.getByText('The room is on During.')).toBeVisible();
	await expectAccessible(asha);

	// Following again, by keyboard: back on the room's slide, and moving with it.
	await asha.getByRole('button', { name: 'Follow again' }).focus();
	await asha.keyboard.press('Enter');
	await expect(slideTitle(asha)).toHaveText('During');
	await expect(asha.getByText('following the facilitator')).toBeVisible();
	await facilitator.keyboard.press('ArrowRight');
	for (const guest of [asha, ben]) await expect(slideTitle(guest)).toHaveText('Return');

	// The timer runs on the phones too.
	await openSettings(facilitator);
	await facilitator.getByLabel('Minutes').selectOption('5');
	await facilitator.getByRole('button', { name: 'Reset the timer' }).click();
	await expect(onScreen(ben).getByText('5:00')).toBeVisible();
	await facilitator.getByRole('button', { name: 'Start the timer' }).click();
	await expect(onScreen(ben).getByText('running')).toBeVisible();
	await facilitator.getByRole('button', { name: 'Reset the timer' }).click();
	await expect(onScreen(ben).getByText('not started')).toBeVisible();

	// Notes: one shown, one held (a phone number); the notes slide shows the first by theme and never the second.
	await addNote(asha, 'What works', 'Journey stage: During', 'The daily call between police and school works.');
	await expect(asha.getByText('Your note is on the board.')).toBeVisible();
	await addNote(ben, 'What breaks', 'Journey stage: Return', 'Ring 07700 900456 about the return interview.');
	await expect(ben.getByText('Your note is waiting for the facilitator')).toBeVisible();
	// The first note brings the notes slide into the deck on the facilitator's screen, without a reload.
	await openSettings(facilitator);
	await expect(facilitator.getByLabel('Go to slide').locator('option', { hasText: `The room’s notes: ${TITLE}` })).toHaveCount(1);
	await goToSlide(facilitator, `The room’s notes: ${TITLE}`);
	await expect(facilitator.getByRole('heading', { level: 1 })).toHaveText(`The room’s notes: ${TITLE}`);
	for (const screen of [facilitator, asha, ben]) {
		const slide = screen === facilitator ? screen.getByRole('region', { name: /^Slide: / }) : onScreen(screen);
		await expect(slide.getByRole('heading', { name: /^What works/ })).toBeVisible();
		await expect(slide.getByRole('region', { name: /^What works/ }).getByText('The daily call between police and school works.')).toBeVisible();
		await expect(slide.getByRole('region', { name: /^What breaks/ }).getByText('None yet.')).toBeVisible();
		await expect(slide.getByText(/07700/)).toHaveCount(0);
	}
	// A note left while the slide is up reaches it on every screen without a reload; the facilitator releasing a held
	// note is the only way that one ever shows.
	await addNote(ben, 'Idea', 'Journey stage: After', 'A named contact in each school for the return interview.');
	await expect(ben.getByText('Your note is on the board.')).toBeVisible();
	for (const screen of [facilitator, asha, ben]) {
		const slide = screen === facilitator ? screen.getByRole('region', { name: /^Slide: / }) : onScreen(screen);
		await expect(slide.getByRole('region', { name: /^Idea/ }).getByText('A named contact in each school for the return interview.')).toBeVisible();
	}
	await expectAccessible(ben);
	await expectAccessible(facilitator);
	await ben.screenshot({ path: `${SHOTS}/room-present-notes-390x844.png`, fullPage: true });
	await facilitator.screenshot({ path: `${SHOTS}/room-present-notes-1280x720.png` });

	// A guest's cookie still opens nothing of the area beyond the room: no app page, no present mode, no area stream.
	for (const path of ['/app', AREA, PRESENT, `${PRESENT}/__data.json`, `${AREA}/events`, `${AREA}/map`]) {
		expect((await ben.request.get(path, { maxRedirects: 0 })).status(), path).toBe(404);
	}

	// Leave things as found: the presentation on its first slide, the room closed.
	await goToSlide(facilitator, 'Before');
	await facilitator.goto(roomPage);
	facilitator.once('dialog', (dialog) => dialog.accept());
	await facilitator.getByRole('button', { name: 'Close the room' }).click();
	await expect(facilitator.getByText('The room is closed: guests can add nothing more.')).toBeVisible();
	for (const page of [asha, ben, facilitator]) await page.context().close();
});

import { expect, type Browser, type Locator, type Page } from '@playwright/test';
import { ACCOUNTS, expectAccessible, readLatestMail, readLatestMailAsSent, signIn, signOut, test, type DeliveredMail } from './fixtures';

/** A visitor in their own browser, from their own address (the booking form is rate limited per address). */
async function visitor(browser: Browser, address: string) {
	const context = await browser.newContext({ extraHTTPHeaders: { 'x-forwarded-for': address } });
	return context.newPage();
}

/** Presses Tab until `target` has focus, as a keyboard user would; fails if it is never reached. */
async function tabTo(page: Page, target: Locator) {
	for (let i = 0; i < 40; i++) {
		await page.keyboard.press('Tab');
		if (await target.evaluate((el) => el === document.activeElement)) return;
	}
	throw new Error(`Tab never reached ${target}`);
}

async function fillIntake(page: Page, name: string, email: string) {
	await page.getByLabel('Your name').fill(name);
	await page.getByLabel('Your role').fill('Head of safeguarding');
	await page.getByLabel('Organisation', { exact: true }).fill('Westholm Borough Council');
	await page.getByLabel('Type of organisation').selectOption('local_authority');
	await page.getByLabel('Local area').fill('Westholm');
	await page.getByLabel('Email address').fill(email);
	await page.getByLabel('What is happening with repeat missing in your area?').fill('Adults missing from hospital wards.');
	await page.getByLabel(/may contact me/).check();
}

test('a visitor books by keyboard; a rival gets a clear refusal; the consultant and the mail follow every change', async ({ browser, page }) => {
	// Three people and four sign-ins in one journey: longer than the default minute on a shared two-core machine.
	test.setTimeout(180_000);
	const lead = await visitor(browser, '198.51.100.21');
	const rival = await visitor(browser, '198.51.100.22');
	await lead.goto('/');
	await lead.getByRole('link', { name: 'Book a free consultation' }).first().click();
	await expect(lead.getByRole('heading', { level: 1, name: 'Book a free consultation' })).toBeVisible();
	await expectAccessible(lead);
	await rival.goto('/consultation');

	const firstSlot = lead.getByRole('radio').first();
	const slotLabel = (await lead.locator(`label[for="${await firstSlot.getAttribute('id')}"]`).textContent())!.trim();
	const time = slotLabel.slice(0, 5);
	const slotValue = await firstSlot.getAttribute('value');

	// Keyboard only: Tab into the times, Space to choose, Tab through the fields, Enter to send.
	await tabTo(lead, firstSlot);
	await lead.keyboard.press('Space');
	await expect(firstSlot).toBeChecked();
	const type = async (label: Locator, text: string) => {
		await tabTo(lead, label);
		await lead.keyboard.type(text);
	};
	await type(lead.getByLabel('Your name'), 'Kai Keyboard');
	await type(lead.getByLabel('Your role'), 'Missing persons coordinator');
	await type(lead.getByLabel('Organisation', { exact: true }), 'Westholm Constabulary');
	await tabTo(lead, lead.getByLabel('Type of organisation'));
	await lead.keyboard.type('Police');
	await expect(lead.getByLabel('Type of organisation')).toHaveValue('police');
	await type(lead.getByLabel('Local area'), 'Westholm');
	await type(lead.getByLabel('Email address'), 'kai.keyboard@example.test');
	await type(lead.getByLabel('What is happening with repeat missing in your area?'), 'Repeat reports from care homes; return interviews are not shared.');
	await tabTo(lead, lead.getByLabel(/may contact me/));
	await lead.keyboard.press('Space');
	await tabTo(lead, lead.getByRole('button', { name: 'Book this consultation' }));
	await lead.keyboard.press('Enter');

	await expect(lead.getByText('Your consultation is booked')).toBeVisible();
	await expect(lead.locator('dt:text-is("When") + dd')).toContainText(`${time} to`);
	await expectAccessible(lead);
	const consultantName = (await lead.locator('dt:text-is("With") + dd').textContent())!.trim();
	const consultant = consultantName === 'Casey Consultant' ? ACCOUNTS.consultant : ACCOUNTS.consultant2;

	// The rival chose the same time on a page loaded before: a clear message and fresh times, never an error page.
	await rival.getByRole('radio').first().check();
	await fillIntake(rival, 'Rita Rival', 'rita.rival@example.test');
	await rival.getByRole('button', { name: 'Book this consultation' }).click();
	await expect(rival.getByText('That time has just been taken. Please choose another time below.').first()).toBeVisible();
	// The taken time is no longer offered; the next ones are.
	await expect(rival.locator(`input[type=radio][value="${slotValue}"]`)).toHaveCount(0);
	await expect(rival.getByRole('radio').first()).toBeVisible();
	await expect(rival.getByLabel('Your name')).toHaveValue('Rita Rival');
	await expectAccessible(rival);

	// The consultant sees the booking in the pipeline.
	await signIn(page, consultant);
	await page.getByRole('link', { name: 'Consultations' }).click();
	await expect(page.getByRole('row').filter({ hasText: 'Kai Keyboard' })).toContainText(time);
	await expectAccessible(page);
	await signOut(page);

	// The confirmation mail, read in the admin outbox, carries the invite and the manage link.
	await signIn(page, ACCOUNTS.admin);
	const mail = await readLatestMail(page, 'kai.keyboard@example.test');
	await expect(page.locator('code.attachment')).toContainText('METHOD:REQUEST');
	await expect(page.locator('code.attachment')).toContainText('BEGIN:VEVENT');
	await expectAccessible(page);
	const manage = mail.match(/http\S+\/consultation\/manage\/[a-z0-9]+/)![0];
	await signOut(page);

	// The lead opens the link, moves the consultation, then cancels it.
	await lead.goto(manage);
	await expect(lead.getByRole('heading', { name: 'Move to another time' })).toBeVisible();
	await expectAccessible(lead);
	const newSlot = lead.getByRole('radio').nth(1);
	const newLabel = (await lead.locator(`label[for="${await newSlot.getAttribute('id')}"]`).textContent())!.trim();
	await newSlot.check();
	await lead.getByRole('button', { name: 'Move my consultation' }).click();
	await expect(lead.getByText('Your consultation has moved')).toBeVisible();
	await expect(lead.locator('dt:text-is("When") + dd')).toContainText(`${newLabel.slice(0, 5)} to`);
	await expectAccessible(lead);

	await signIn(page, consultant);
	await page.goto('/app/consultations');
	await expect(page.getByRole('row').filter({ hasText: 'Kai Keyboard' })).toContainText(newLabel.slice(0, 5));
	await signOut(page);

	await lead.getByRole('button', { name: 'Cancel my consultation' }).click();
	await expect(lead.getByText('Tick the box to confirm you want to cancel.')).toBeVisible();
	await lead.getByLabel('Yes, cancel my consultation').check();
	await lead.getByRole('button', { name: 'Cancel my consultation' }).click();
	await expect(lead.getByText('Your consultation is cancelled')).toBeVisible();
	await expectAccessible(lead);

	await signIn(page, consultant);
	await page.goto('/app/consultations?when=upcoming&status=cancelled');
	await expect(page.getByRole('row').filter({ hasText: 'Kai Keyboard' })).toContainText('Cancelled');
	await page.getByRole('link', { name: 'Kai Keyboard' }).click();
	await expect(page.getByRole('heading', { name: 'Consultation with Kai Keyboard' })).toBeVisible();
	await expectAccessible(page);
});

test('invalid intake shows each error by its field and stores nothing; a filled honeypot stores nothing', async ({ browser, page }) => {
	const tab = await visitor(browser, '198.51.100.31');
	await tab.goto('/consultation');
	await tab.getByLabel('Your name').fill('Ivy Invalid');
	await tab.getByLabel('Email address').fill('not an email');
	await tab.getByRole('button', { name: 'Book this consultation' }).click();
	await expect(tab.getByText('Choose a time for the consultation.').first()).toBeVisible();
	await expect(tab.locator('#field-role-error')).toHaveText(/Enter your role\./);
	await expect(tab.locator('#field-email-error')).toHaveText(/Enter an email address in the format/);
	await expect(tab.locator('#field-consent-error')).toHaveText(/Tick the box/);
	await expect(tab.getByLabel('Your name')).toHaveValue('Ivy Invalid');
	await expectAccessible(tab);

	const bot = await visitor(browser, '198.51.100.32');
	await bot.goto('/consultation');
	await bot.getByRole('radio').first().check();
	await fillIntake(bot, 'Hugo Honeypot', 'hugo@example.test');
	await bot.locator('input[name="website"]').fill('https://spam.example', { force: true });
	await bot.getByRole('button', { name: 'Book this consultation' }).click();
	await expect(bot.getByText('Your request could not be sent.')).toBeVisible();

	await signIn(page, ACCOUNTS.admin);
	await page.goto('/app/consultations');
	await expect(page.getByRole('heading', { level: 1, name: 'Consultations' })).toBeVisible();
	await expect(page.getByText('Ivy Invalid')).toHaveCount(0);
	await expect(page.getByText('Hugo Honeypot')).toHaveCount(0);
	await page.goto('/app/admin/outbox');
	await expect(page.getByText('hugo@example.test')).toHaveCount(0);
});

test('the home page and the booking page give a consultation the same length', async ({ page }) => {
	await page.goto('/');
	await expect(page.getByText('45 minutes with a consultant to look at your local picture')).toBeVisible();
	await expect(page.getByText(/an hour with a consultant/)).toHaveCount(0);
	await page.goto('/consultation');
	await expect(page.getByText('A free conversation, about 45 minutes by video call')).toBeVisible();
});

test('a consultant sets weekly hours and a day off, with errors by the field', async ({ page }) => {
	await signIn(page, ACCOUNTS.consultant2);
	await page.goto('/app/consultations/availability');
	await expectAccessible(page);
	await page.getByLabel('Saturday').fill('10:00-09:00');
	await page.getByRole('button', { name: 'Save availability' }).click();
	await expect(page.locator('#field-day6-error')).toContainText('each start before its end');
	await page.getByLabel('Saturday').fill('10:00-12:00');
	await page.getByRole('button', { name: 'Save availability' }).click();
	await expect(page.getByText('Your availability is saved.')).toBeVisible();
	await expect(page.getByLabel('Saturday')).toHaveValue('10:00-12:00');
	await page.getByRole('textbox', { name: 'Date', exact: true }).fill('2030-01-07');
	await page.getByRole('button', { name: 'Add date' }).click();
	await expect(page.getByRole('row').filter({ hasText: '7 January 2030' })).toContainText('Day off');
	await expectAccessible(page);
});

test('joining details: a consultant’s default reaches the confirmation, its invite and the manage page; a booking’s own replaces it', async ({ browser, page }) => {
	test.setTimeout(180_000);
	const unfold = (ics: string) => ics.replace(/\r?\n[ \t]/g, '');
	const calendar = (mail: DeliveredMail) => unfold(mail.attachments.find((a) => a.contentType.startsWith('text/calendar'))!.content);
	// Both consultants set a default, so whoever the booking goes to has one.
	const defaults = [
		{ account: ACCOUNTS.consultant, kind: 'Video call', detail: 'https://meet.example.test/westholm-room' },
		{ account: ACCOUNTS.consultant2, kind: 'Phone call', detail: '0161 496 0999' }
	];
	for (const d of defaults) {
		await signIn(page, d.account);
		await page.goto('/app/consultations/availability');
		await page.getByLabel('Usually by').selectOption({ label: d.kind });
		await page.getByLabel('Video link, phone number or address').fill(d.kind === 'Video call' ? 'meet.example.test' : d.detail);
		await page.getByRole('button', { name: 'Save availability' }).click();
		if (d.kind === 'Video call') {
			await expect(page.locator('#field-joiningDetail-error')).toContainText('starting https://');
			await expectAccessible(page);
			await page.getByLabel('Video link, phone number or address').fill(d.detail);
			await page.getByRole('button', { name: 'Save availability' }).click();
		}
		await expect(page.getByText('Your availability is saved.')).toBeVisible();
		await expect(page.getByLabel('Video link, phone number or address')).toHaveValue(d.detail);
		await signOut(page);
	}

	const lead = await visitor(browser, '198.51.100.41');
	await lead.goto('/consultation');
	await lead.getByRole('radio').first().check();
	await fillIntake(lead, 'Jude Joiner', 'jude.joiner@example.test');
	await lead.getByRole('button', { name: 'Book this consultation' }).click();
	await expect(lead.getByText('Your consultation is booked')).toBeVisible();
	const consultantName = (await lead.locator('dt:text-is("With") + dd').textContent())!.trim();
	const mine = consultantName === 'Casey Consultant' ? defaults[0] : defaults[1];
	await expect(lead.locator('dt:text-is("How to join") + dd')).toHaveText(`${mine.kind}: ${mine.detail}`);
	await expectAccessible(lead);
	const manageUrl = lead.url().replace(/\?.*$/, '');

	await signIn(page, ACCOUNTS.admin);
	const booked = await readLatestMailAsSent(page, 'jude.joiner@example.test');
	expect(booked.text).toContain(`How to join: ${mine.kind}: ${mine.detail}`);
	const invite = calendar(booked);
	expect(invite).toContain(`LOCATION:${mine.detail}`);
	expect(invite).toMatch(/\nURL:https?:\/\//);
	expect(invite).toContain(new URL(manageUrl).pathname);
	const uid = invite.match(/UID:(\S+)/)![1];
	await signOut(page);

	// The consultant gives this booking its own place; the lead's calendar gets the same event, one sequence on.
	await signIn(page, mine.account);
	await page.goto('/app/consultations');
	await page.getByRole('link', { name: 'Jude Joiner' }).click();
	await page.getByLabel('For this consultation, by').selectOption({ label: 'In person' });
	await page.getByLabel('Video link, phone number or address').fill('Room 2, Westholm Police HQ');
	await page.getByRole('button', { name: 'Save and tell the lead' }).click();
	await expect(page.getByText('Joining details sent')).toBeVisible();
	await expectAccessible(page);
	await signOut(page);

	await lead.goto(manageUrl);
	await expect(lead.locator('dt:text-is("How to join") + dd')).toHaveText('In person: Room 2, Westholm Police HQ');
	await signIn(page, ACCOUNTS.admin);
	const updated = await readLatestMailAsSent(page, 'jude.joiner@example.test');
	expect(updated.subject).toContain('New joining details');
	const next = calendar(updated);
	expect(next).toContain(`UID:${uid}`);
	expect(next).toContain('SEQUENCE:1');
	expect(next).toContain('LOCATION:Room 2\\, Westholm Police HQ');
});

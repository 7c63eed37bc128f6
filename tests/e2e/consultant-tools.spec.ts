// Replies reach people, add to calendar, and a consultant's tools: move with a note, outcomes only after the start,
// cancel with a reason, the team view, the private calendar feed. Names are unique to this file.
import { expect, type Browser, type Page } from '@playwright/test';
import { ACCOUNTS, expectAccessible, readLatestMailAsSent, signIn, test, type DeliveredMail } from './fixtures';

const LEAD_EMAIL = 'tova.tools@example.test';
const unfold = (ics: string) => ics.replace(/\r?\n[ \t]/g, '');
const calendarOf = (mail: DeliveredMail) => unfold(mail.attachments.find((a) => a.contentType.startsWith('text/calendar'))!.content);
const MANAGE = /http\S+\/consultation\/manage\/[a-z0-9]+/;

async function staffPage(browser: Browser, account: string) {
	const page = await (await browser.newContext()).newPage();
	await signIn(page, account);
	return page;
}

/** Both consultants have a default way to join (as booking.spec.ts sets them), so the invite has LOCATION and URL. */
async function ensureJoiningDefault(page: Page, kind: string, detail: string) {
	await page.goto('/app/consultations/availability');
	if ((await page.getByLabel('Video link, phone number or address').inputValue()) === detail) return;
	await page.getByLabel('Usually by').selectOption({ label: kind });
	await page.getByLabel('Video link, phone number or address').fill(detail);
	await page.getByRole('button', { name: 'Save availability' }).click();
	await expect(page.getByText('Your availability is saved.')).toBeVisible();
}

test('replies, add to calendar, and a consultant moves, tries an early outcome, cancels with a reason; the lead’s mail follows', async ({ browser }) => {
	test.setTimeout(240_000);
	const consultants = {
		'Casey Consultant': { page: await staffPage(browser, ACCOUNTS.consultant), email: ACCOUNTS.consultant },
		other: { page: await staffPage(browser, ACCOUNTS.consultant2), email: ACCOUNTS.consultant2 }
	};
	await ensureJoiningDefault(consultants['Casey Consultant'].page, 'Video call', 'https://meet.example.test/westholm-room');
	await ensureJoiningDefault(consultants.other.page, 'Phone call', '0161 496 0999');
	const admin = await staffPage(browser, ACCOUNTS.admin);

	// The lead books.
	const lead = await (await browser.newContext({ extraHTTPHeaders: { 'x-forwarded-for': '198.51.100.61' } })).newPage();
	await lead.goto('/consultation');
	await lead.getByRole('radio').nth(2).check();
	await lead.getByLabel('Your name').fill('Tova Tools');
	await lead.getByLabel('Your role').fill('Safeguarding lead');
	await lead.getByLabel('Organisation', { exact: true }).fill('Ashcombe District Council');
	await lead.getByLabel('Type of organisation').selectOption('local_authority');
	await lead.getByLabel('Local area').fill('Ashcombe');
	await lead.getByLabel('Email address').fill(LEAD_EMAIL);
	await lead.getByLabel('What is happening with repeat missing in your area?').fill('Young people missing from supported housing.');
	await lead.getByLabel(/may contact me/).check();
	await lead.getByRole('button', { name: 'Book this consultation' }).click();
	await expect(lead.getByText('Your consultation is booked')).toBeVisible();
	const manageUrl = lead.url().replace(/\?.*$/, '');
	const name = (await lead.locator('dt:text-is("With") + dd').textContent())!.trim();
	const mine = name === 'Casey Consultant' ? consultants['Casey Consultant'] : consultants.other;

	// Add to calendar: the invite as a file, and Google and Outlook links in UTC.
	await expect(lead.getByRole('heading', { name: 'Add to your calendar' })).toBeVisible();
	const ics = await lead.request.get(manageUrl + '/invite.ics');
	expect(ics.headers()['content-type']).toContain('text/calendar');
	const downloaded = unfold(await ics.text());
	expect(downloaded).toContain('BEGIN:VEVENT');
	const google = new URL((await lead.getByRole('link', { name: /Add to Google Calendar/ }).getAttribute('href'))!);
	expect(google.searchParams.get('dates')).toMatch(/^\d{8}T\d{6}Z\/\d{8}T\d{6}Z$/);
	expect(google.searchParams.get('details')).toContain(new URL(manageUrl).pathname);
	const outlook = new URL((await lead.getByRole('link', { name: /Add to Outlook/ }).getAttribute('href'))!);
	expect(outlook.searchParams.get('startdt')).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:00Z$/);
	await expectAccessible(lead);

	// The confirmation: Reply-To reaches the organisation and the consultant; the mail and its invite carry the link.
	const booked = await readLatestMailAsSent(admin, LEAD_EMAIL);
	expect(booked.headers['reply-to']).toContain('hello@homeward.test');
	expect(booked.headers['reply-to']).toContain(mine.email);
	expect(booked.text.match(MANAGE)![0]).toBe(manageUrl);
	const invite = calendarOf(booked);
	expect(invite).toMatch(/\nLOCATION:\S/);
	expect(invite).toMatch(/\nURL:https?:\/\//);
	expect(invite).toContain(new URL(manageUrl).pathname);
	const uid = invite.match(/UID:(\S+)/)![1];
	expect(downloaded).toContain(`UID:${uid}`);

	// The consultant moves it, with a note why.
	const staff = mine.page;
	await staff.goto('/app/consultations');
	await staff.getByRole('link', { name: 'Tova Tools' }).click();
	await expect(staff.getByRole('heading', { name: 'Move to another time' })).toBeVisible();
	await staff.getByRole('button', { name: 'Move and tell the lead' }).click();
	await expect(staff.getByText('Choose a time for the consultation.')).toBeVisible();
	await expect(staff.getByText('Enter a note to the lead on why it moves.')).toBeVisible();
	await staff.getByRole('group', { name: 'New time (UK time)' }).getByRole('radio').first().check();
	await staff.getByLabel('Why it moves').fill('I am needed at a strategy meeting that morning.');
	await staff.getByRole('button', { name: 'Move and tell the lead' }).click();
	await expect(staff.getByText('Consultation moved')).toBeVisible();
	await expectAccessible(staff);

	const moved = await readLatestMailAsSent(admin, LEAD_EMAIL);
	expect(moved.subject).toContain('has moved');
	expect(moved.text).toContain('Why: I am needed at a strategy meeting that morning.');
	expect(moved.text).toContain(manageUrl);
	expect(moved.headers['reply-to']).toContain(mine.email);
	const updated = calendarOf(moved);
	expect(updated).toContain(`UID:${uid}`);
	expect(Number(updated.match(/SEQUENCE:(\d+)/)![1])).toBeGreaterThan(Number(invite.match(/SEQUENCE:(\d+)/)![1]));

	// An outcome before the start is refused, with the reason by the field.
	await staff.getByLabel('Status').selectOption({ label: 'Completed' });
	await staff.getByRole('button', { name: 'Save outcome' }).click();
	await expect(staff.locator('#field-status-error')).toContainText('can be recorded once the consultation has started');
	await expectAccessible(staff);

	// Cancelled with a reason the lead is told.
	await staff.goto(staff.url().replace(/\?.*$/, ''));
	await staff.getByLabel(/^Reason/).fill('Our team is closed for training that week.');
	await staff.getByLabel('Tell the lead this reason').check();
	await staff.getByLabel('Yes, cancel this consultation').check();
	await staff.getByRole('button', { name: 'Cancel and tell the lead' }).click();
	await expect(staff.getByText('Consultation cancelled')).toBeVisible();
	await expect(staff.getByText('The lead was told this reason.')).toBeVisible();

	const cancelled = await readLatestMailAsSent(admin, LEAD_EMAIL);
	expect(cancelled.text).toContain('The reason: Our team is closed for training that week.');
	expect(cancelled.text).toContain(manageUrl);
	const cancelInvite = calendarOf(cancelled);
	expect(cancelInvite).toContain('METHOD:CANCEL');
	expect(cancelInvite).toContain(`UID:${uid}`);
	await lead.goto(manageUrl);
	await expect(lead.locator('dt:text-is("Why it was cancelled") + dd')).toHaveText('Our team is closed for training that week.');
	await expect(lead.getByRole('heading', { name: 'Add to your calendar' })).toHaveCount(0);
	await expectAccessible(lead);

	// The team view: every consultant's bookings, filtered; a bad range is said by its field.
	const other = mine === consultants.other ? consultants['Casey Consultant'].page : consultants.other.page;
	await other.goto('/app/consultations/team');
	await expectAccessible(other);
	await other.getByLabel('Consultant').selectOption({ label: name });
	await other.getByLabel(/^Status/).selectOption({ label: 'Cancelled' });
	await other.getByRole('button', { name: 'Show' }).click();
	const row = other.getByRole('row').filter({ hasText: 'Tova Tools' });
	await expect(row).toContainText('Cancelled');
	await expect(row).toContainText(name);
	// Another consultant's booking is listed, not opened.
	await expect(row.getByRole('link')).toHaveCount(0);
	await other.getByLabel('From').fill('2030-02-10');
	await other.getByLabel('To').fill('2030-02-01');
	await other.getByRole('button', { name: 'Show' }).click();
	await expect(other.locator('#field-to-error')).toContainText('on or after the start date');
	await expectAccessible(other);
});

test('a consultant makes a private calendar feed, subscribes to it, and turns it off (404 after)', async ({ browser }) => {
	const page = await staffPage(browser, ACCOUNTS.consultant);
	await page.goto('/app/consultations');
	await page.getByRole('link', { name: 'Calendar feed' }).click();
	await expect(page.getByRole('heading', { level: 1, name: 'Calendar feed' })).toBeVisible();
	await expectAccessible(page);
	await page.getByRole('button', { name: /Make (a feed|a new) address/ }).click();
	const address = await page.getByLabel('Feed address').inputValue();
	expect(address).toMatch(/\/calendar\/[a-z0-9]+\.ics$/);
	await expectAccessible(page);
	const feed = await page.request.get(address);
	expect(feed.status()).toBe(200);
	expect(feed.headers()['content-type']).toContain('text/calendar');
	const text = await feed.text();
	expect(text).toMatch(/^BEGIN:VCALENDAR/);
	expect(text).toContain('METHOD:PUBLISH');

	await page.getByRole('button', { name: 'Turn the feed off' }).click();
	await expect(page.locator('#field-confirm-error')).toContainText('Tick the box');
	expect((await page.request.get(address)).status()).toBe(200);
	await expectAccessible(page);
	await page.getByLabel('Yes, the current address should stop working').check();
	await page.getByRole('button', { name: 'Turn the feed off' }).click();
	await expect(page.getByText('Feed turned off')).toBeVisible();
	expect((await page.request.get(address)).status()).toBe(404);
	expect((await page.request.get('/calendar/notarealtokenatallxxxxxxxxxx.ics')).status()).toBe(404);
});

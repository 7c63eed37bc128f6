// The partner pipeline end to end: an enquiry is acknowledged, offered a consultation, booked through the offer's
// link with the lead's details filled in, then made a prospect area; the pipeline page counts it at each stage.
import { expect, type Browser, type Page } from '@playwright/test';
import { ACCOUNTS, expectAccessible, readLatestMail, signIn, test } from './fixtures';

const ORG = 'Eastmarsh Borough Council';
const LEAD = { name: 'Robin Enquirer', email: 'robin.enquirer@example.test', place: 'Eastmarsh' };

/** A visitor in their own browser, from their own address (the public forms are rate limited per address). */
async function visitor(browser: Browser, address: string) {
	const context = await browser.newContext({ extraHTTPHeaders: { 'x-forwarded-for': address } });
	return context.newPage();
}

/** The counts in the pipeline page's summary table, by stage. */
async function counts(page: Page) {
	await page.goto('/app/pipeline');
	const table = page.getByRole('table', { name: 'Items at each stage' });
	const out: Record<string, number> = {};
	for (const stage of ['Enquiry', 'Consultation', 'Prospect area', 'Partner area']) {
		const row = table.getByRole('row').filter({ has: page.getByRole('rowheader', { name: stage, exact: true }) });
		out[stage] = Number(await row.getByRole('cell').first().textContent());
	}
	return out;
}

/** The item for `title` in one stage's section of the pipeline page. */
const itemIn = (page: Page, stage: string, title: string) =>
	page.getByRole('region', { name: new RegExp(`^${stage} \\(`) }).getByRole('article', { name: title });

test('an enquiry is acknowledged, offered a consultation, booked through the link and counted at each stage', async ({ browser, page }) => {
	// Four people and several sign-ins on a shared two-core machine.
	test.setTimeout(240_000);
	// The admin reads the mailbox; the consultant works the pipeline in a browser of their own.
	await signIn(page, ACCOUNTS.admin);
	const before = await counts(page);
	await expectAccessible(page);

	const enquirer = await visitor(browser, '198.51.100.61');
	await enquirer.goto('/partner-with-us');
	await enquirer.getByLabel('Your organisation is a').selectOption('council');
	await enquirer.getByLabel('Organisation name').fill(ORG);
	await enquirer.getByLabel('Your name').fill(LEAD.name);
	await enquirer.getByLabel('Work email address').fill(LEAD.email);
	await enquirer.getByLabel('Area you cover').fill(LEAD.place);
	await enquirer.getByLabel('What would you like to do?').fill('Children placed here from other areas go missing again and again.');
	await enquirer.getByRole('button', { name: 'Send enquiry' }).click();
	await expect(enquirer.getByText('Thank you: your enquiry has reached our consultants')).toBeVisible();

	// The acknowledgement reaches the enquirer, and says nothing they typed back to them.
	const ack = await readLatestMail(page, LEAD.email);
	expect(ack).toContain('Thank you for getting in touch');
	expect(ack).not.toContain('Children placed here');
	const afterEnquiry = await counts(page);
	expect(afterEnquiry.Enquiry).toBe(before.Enquiry + 1);
	await expect(itemIn(page, 'Enquiry', ORG)).toContainText('Nobody yet');

	const consultantContext = await browser.newContext();
	const consultant = await consultantContext.newPage();
	await signIn(consultant, ACCOUNTS.consultant);
	await consultant.goto('/app/enquiries');
	const card = consultant.getByRole('article', { name: ORG });
	await card.getByRole('button', { name: `Offer a consultation to ${ORG}` }).click();
	await expect(consultant.getByRole('status').filter({ hasText: 'Consultation offered' })).toBeVisible();
	await expect(card.locator('dt:text-is("Owner") + dd')).toHaveText('Casey Consultant');
	await expectAccessible(consultant);

	// Bad input on "Start a prospect area": the message sits beside the field and nothing changes.
	await card.getByText('Start a prospect area').click();
	await card.getByLabel('Area name').fill('   ');
	await card.getByRole('button', { name: `Create prospect area for ${ORG}` }).click();
	await expect(card.getByLabel('Area name')).toHaveAccessibleDescription(/Enter the area name/);
	await expect(card.getByLabel('Status', { exact: true })).toHaveValue('offered');
	await expect(card.getByText('Became the area')).toHaveCount(0);
	await expectAccessible(consultant);
	await consultant.screenshot({ path: `${process.env.E2E_RESULTS ?? 'test-results'}/pipeline-enquiries.png`, fullPage: true });

	// The lead follows the offer's link: the booking page has their details filled in.
	const offer = await readLatestMail(page, LEAD.email);
	const link = offer.match(/https?:\/\/\S+\/consultation\?offer=\S+/)![0];
	const lead = await visitor(browser, '198.51.100.62');
	await lead.goto(new URL(link).pathname + new URL(link).search);
	await expect(lead.getByLabel('Your name')).toHaveValue(LEAD.name);
	await expect(lead.getByLabel('Email address')).toHaveValue(LEAD.email);
	await expect(lead.getByLabel('Organisation', { exact: true })).toHaveValue(ORG);
	await expect(lead.getByLabel('Type of organisation')).toHaveValue('local_authority');
	await expect(lead.getByLabel('Local area')).toHaveValue(LEAD.place);
	await expectAccessible(lead);
	await lead.screenshot({ path: `${process.env.E2E_RESULTS ?? 'test-results'}/pipeline-offer-booking.png`, fullPage: true });
	await lead.getByRole('radio').first().check();
	await lead.getByLabel('Your role').fill('Head of children’s safeguarding');
	await lead.getByLabel('What is happening with repeat missing in your area?').fill('Placements from out of area go missing repeatedly.');
	await lead.getByLabel(/may contact me/).check();
	await lead.getByRole('button', { name: 'Book this consultation' }).click();
	await expect(lead.getByText('Your consultation is booked')).toBeVisible();

	// Counted once, at the consultation stage, with its owner; it left the enquiry stage.
	const afterBooking = await counts(page);
	expect(afterBooking.Enquiry).toBe(afterEnquiry.Enquiry - 1);
	expect(afterBooking.Consultation).toBe(afterEnquiry.Consultation + 1);
	const booked = itemIn(page, 'Consultation', ORG);
	await expect(booked).toContainText('Consultation booked');
	await expect(booked.getByRole('combobox', { name: /^Owner/ }).locator('option:checked')).toHaveText('Casey Consultant');

	// The consultant starts a prospect area from the enquiry: it moves on to that stage.
	await consultant.goto('/app/enquiries');
	await card.getByText('Start a prospect area').click();
	await expect(card.getByLabel('Area name')).toHaveValue(LEAD.place);
	await card.getByLabel('Police force').fill('Eastmarsh Police');
	await card.getByRole('button', { name: `Create prospect area for ${ORG}` }).click();
	await expect(consultant.getByText('Area created')).toBeVisible();
	await expect(consultant.getByRole('heading', { level: 1, name: LEAD.place })).toBeVisible();
	const afterArea = await counts(page);
	expect(afterArea.Consultation).toBe(afterBooking.Consultation - 1);
	expect(afterArea['Prospect area']).toBe(afterBooking['Prospect area'] + 1);
	await expect(itemIn(page, 'Prospect area', LEAD.place).getByRole('combobox', { name: /^Owner/ }).locator('option:checked')).toHaveText('Casey Consultant');
	await consultant.goto('/app/enquiries');
	await expect(card.getByText(`Became the area ${LEAD.place}`)).toBeVisible();
	await expect(card.getByText('Prospect area', { exact: true })).toBeVisible();

	// The owner changes by keyboard on the pipeline page, as staff hand work on.
	await consultant.goto('/app/pipeline');
	const item = itemIn(consultant, 'Prospect area', LEAD.place);
	await item.getByRole('combobox', { name: /^Owner/ }).focus();
	await item.getByRole('combobox', { name: /^Owner/ }).selectOption({ label: 'Alex Admin' });
	await item.getByRole('button', { name: `Save the owner of ${LEAD.place}` }).press('Enter');
	await expect(consultant.getByText('Owner saved')).toBeVisible();
	await expect(itemIn(consultant, 'Prospect area', LEAD.place).getByRole('combobox', { name: /^Owner/ }).locator('option:checked')).toHaveText('Alex Admin');
	await expectAccessible(consultant);
	await consultant.screenshot({ path: `${process.env.E2E_RESULTS ?? 'test-results'}/pipeline-page.png`, fullPage: true });
	await consultantContext.close();
});

test('How it works shows the figures its theory of change aims at, each chart naming its source with the year and a link', async ({ page }) => {
	await page.goto('/how-it-works');
	const figures = page.getByRole('region', { name: 'Where things stand now' });
	for (const title of ['Share of missing reports that are repeat incidents', 'What adults told us after they returned']) {
		const chart = figures.getByRole('figure', { name: title });
		await expect(chart.getByRole('img', { name: title })).toBeVisible();
		await expect(chart).toContainText(/Source: .+, 2026\./);
		await expect(chart).not.toContainText('programme page (2026)');
	}
	await expect(figures.getByRole('figure', { name: 'What adults told us after they returned' })).toContainText('49 of 64 (77%)');
	await expectAccessible(page);
	await page.screenshot({ path: `${process.env.E2E_RESULTS ?? 'test-results'}/pipeline-how-it-works.png`, fullPage: true });
	// The source link leads to the list of sources, which says what each figure rests on.
	await figures.getByRole('link', { name: /The charity’s own research/ }).first().click();
	await expect(page).toHaveURL(/\/about-repeat-missing#sources$/);
	await expect(page.getByRole('heading', { name: 'Sources' })).toBeVisible();
	await expectAccessible(page);
});

import { expect } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { ACCOUNTS, expectAccessible, signIn, test } from './fixtures';
import { pdfOutline, pdfPages } from '../helpers/pdf';

const PLAN = '/app/areas/northbrook/plan';

test('the plan as a web page: accessible, the same sections and figures as the PDF, and printed with whole tables', async ({ page }) => {
	await signIn(page, ACCOUNTS.viewerNorth);
	await page.goto(PLAN);
	await expect(page.getByRole('heading', { name: 'Northbrook action plan', level: 1 })).toBeVisible();
	await expect(page.getByRole('navigation', { name: /area/ }).getByRole('link', { name: 'Plan' })).toHaveAttribute('aria-current', 'page');
	await expectAccessible(page);
	await page.setViewportSize({ width: 1280, height: 720 });
	await page.screenshot({ path: `${process.env.E2E_RESULTS ?? 'test-results'}/plan-page.png`, fullPage: false });

	// The same section headings, in the same order, as the PDF's outline; and the same figures.
	const headings = (await page.locator('main h2[id^="section-"]').allTextContents()).map((t) => t.trim());
	expect(headings[0]).toBe('What this plan will change');
	const pdf = Buffer.from(await (await page.request.get('/app/areas/northbrook/plan.pdf')).body());
	expect((await pdfOutline(pdf)).map((o) => o.title)).toEqual(headings);
	const pdfText = (await pdfPages(pdf)).join(' ').replace(/\s+/g, ' ');
	const quarters = await page.getByRole('table', { name: 'Figures by quarter, newest first' }).locator('tbody th').allTextContents();
	expect(quarters.length).toBeGreaterThan(3);
	for (const q of quarters) expect(pdfText).toContain(q.replace(/\s+/g, ' ').trim().split(' ')[0]);
	const rationale = await page.getByRole('table', { name: /Each link of the theory of change/ }).locator('tbody tr').first().locator('td').nth(2).textContent();
	expect(pdfText).toContain(rationale!.trim());
	// Viewers read; they do not issue or sign.
	await expect(page.getByRole('button', { name: /Issue version/ })).toHaveCount(0);

	// Printing: each table that fits on a page stays on one page.
	await page.emulateMedia({ media: 'print' });
	const printed = (await pdfPages(await page.pdf({ format: 'A4', printBackground: true }))).map((p) => p.replace(/\s+/g, ' '));
	const figuresPage = printed.findIndex((p) => p.includes('Figures by quarter, newest first'));
	expect(figuresPage).toBeGreaterThanOrEqual(0);
	for (const q of quarters) expect(printed[figuresPage]).toContain(q.trim().split(' ')[0]);
	const heading = printed.findIndex((p) => p.includes('Survey results by statement'));
	expect(printed[heading]).toContain('A conversation after return matters for children, not for adults.');
});

test('a lead issues version 1, records two sign-offs, edits an action: the plan is a draft again and version 1 downloads unchanged', async ({ page }) => {
	await signIn(page, ACCOUNTS.consultant);
	// An action of this test's own, to edit after the version is issued.
	await page.goto('/app/areas/northbrook/actions/new');
	const title = 'Plan sign-off test: agree a weekly missing list';
	await page.getByLabel('Title').fill(title);
	await page.getByRole('button', { name: 'Add action' }).click();
	await expect(page.getByRole('heading', { name: title, level: 1 })).toBeVisible();
	const actionUrl = page.url();

	await page.goto(PLAN);
	const issue = page.getByRole('button', { name: /Issue version \d+ for sign-off/ });
	const number = Number(/Issue version (\d+)/.exec((await issue.textContent())!)![1]);
	await issue.click();
	await expect(page.getByText(`Version ${number} issued`)).toBeVisible();
	await expect(page.getByText(`Version ${number} is current.`)).toBeVisible();
	await expectAccessible(page);

	const before = await page.request.get(`${PLAN}/versions/${number}`);
	expect(before.headers()['content-type']).toBe('application/pdf');
	const issued = Buffer.from(await before.body());
	expect((await pdfPages(issued)).join(' ')).toContain(`Version ${number}`);

	// Two organisations sign.
	const form = page.getByRole('region', { name: `Record a sign-off on version ${number}` });
	const organisations = (await form.getByLabel('Organisation').locator('option').allTextContents()).filter((o) => o !== 'Choose an organisation');
	expect(organisations.length).toBeGreaterThanOrEqual(2);
	for (const [i, organisation] of organisations.slice(0, 2).entries()) {
		await form.getByLabel('Organisation').selectOption({ label: organisation });
		await form.getByLabel('Name of the person who signed').fill(`Board member ${i + 1}`);
		await form.getByLabel('Their role').fill('Chair of the partnership board');
		await form.getByRole('button', { name: 'Record sign-off' }).click();
		await expect(page.getByText(`${organisation} has signed version ${number}.`)).toBeVisible();
	}
	const versions = page.getByRole('table', { name: 'Issued versions' });
	await expect(versions).toContainText(`${organisations[0]}: Board member 1, Chair of the partnership board`);
	await expect(versions).toContainText(`${organisations[1]}: Board member 2`);
	// A bad sign-off is refused beside its field and changes nothing.
	await form.getByLabel('Organisation').selectOption({ label: organisations[2] ?? organisations[0] });
	await form.getByLabel('Name of the person who signed').fill('');
	await form.getByLabel('Their role').fill('Director');
	await form.getByRole('button', { name: 'Record sign-off' }).click();
	await expect(page.getByText('Not recorded')).toBeVisible();
	await expect(form.getByLabel('Their role')).toHaveValue('Director');

	// The overview names who has signed.
	await page.goto('/app/areas/northbrook');
	await expect(page.getByText(new RegExp(`Version ${number} is current\\.`))).toBeVisible();
	await expect(page.getByText(new RegExp(`Signed by: .*${organisations[0]}`))).toBeVisible();

	// Editing an action makes a new draft.
	await page.goto(actionUrl);
	await page.getByLabel('What has happened').fill('Agreed with the board after version 1.');
	await page.getByRole('button', { name: 'Post update' }).click();
	await expect(page.getByText(/Update posted/)).toBeVisible();
	await page.goto(PLAN);
	await expect(page.getByText(`Draft since version ${number}.`)).toBeVisible();
	await expectAccessible(page);

	// The signed version downloads exactly as it was issued.
	const download = page.waitForEvent('download');
	await versions.getByRole('link', { name: `Download version ${number}` }).click();
	const file = await download;
	expect(file.suggestedFilename()).toBe(`northbrook-action-plan-version-${number}.pdf`);
	expect(readFileSync(await file.path()).equals(issued)).toBe(true);
});

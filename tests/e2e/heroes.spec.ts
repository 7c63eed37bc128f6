import { expect, type Browser, type Page } from '@playwright/test';
import { ACCOUNTS, ORIGIN, expectAccessible, readLatestMail, readLatestMailAsSent, signIn, signOut, test } from './fixtures';

const PUBLIC_PAGES = ['/', '/about-repeat-missing', '/how-it-works', '/hydra', '/partner-with-us', '/search-heroes', '/appeals'];

/** A visitor with their own client address, so each scenario has its own rate-limit budget. */
async function visitor(browser: Browser, address: string) {
	const context = await browser.newContext({ extraHTTPHeaders: { 'x-forwarded-for': address } });
	return { context, page: await context.newPage() };
}

/** Waits until the page's JavaScript has taken over, so typing is not lost to hydration. */
async function hydrated(page: Page) {
	await page.waitForLoadState('networkidle');
}

async function outboxCount(page: Page, to: string) {
	await page.goto('/app/admin/outbox');
	return page.getByRole('row').filter({ hasText: to }).count();
}

test('the public pages pass axe at desktop and 320 px, and the programme pages ship no JavaScript', async ({ page, browser }) => {
	test.setTimeout(180_000);
	// A fresh context per width: resizing one page from 1280 to 320 px leaves Chromium with shrunken text metrics.
	for (const width of [1280, 320]) {
		const context = await browser.newContext({ viewport: { width, height: 900 } });
		const tab = await context.newPage();
		for (const path of PUBLIC_PAGES) {
			const response = await tab.goto(path);
			expect(response?.status(), path).toBe(200);
			await expect(tab.getByRole('heading', { level: 1 })).toHaveCount(1);
			await expectAccessible(tab);
		}
		await tab.getByRole('link', { name: 'Rowan' }).click();
		await expect(tab.getByRole('heading', { name: 'Missing: Rowan', level: 1 })).toBeVisible();
		await expectAccessible(tab);
		await context.close();
	}
	for (const path of ['/', '/about-repeat-missing', '/how-it-works', '/hydra', '/appeals']) {
		const html = await (await page.request.get(path)).text();
		expect(html, path).not.toContain('<script');
	}
});

test('the charts state their figures in words and as a table, with the serious-harm definition attributed', async ({ page }) => {
	await page.goto('/about-repeat-missing');
	const harm = page.getByRole('figure', { name: 'What adults told us after they returned' });
	await expect(harm.getByRole('img')).toHaveAccessibleDescription(/Experienced harm while away: 49 of 64 \(77%\)/);
	await harm.getByText('The figures as a table').click();
	await expect(harm.getByRole('row', { name: /Disclosed trying to take their own life 26 of 63 \(41%\)/ })).toBeVisible();
	await expect(page.getByRole('figure', { name: 'Share of missing reports that are repeat incidents' }).getByRole('img')).toHaveAccessibleDescription(
		/Reports about children and young people: 75%/
	);
	await expect(page.locator('blockquote')).toContainText('life threatening and/or traumatic');
	await expect(page.getByText('Home Office (2002) and OASys (2006)')).toBeVisible();
});

test('a hero signs up, confirms from the mail, gets an appeal for their region, and unsubscribes in one click', async ({ page, browser }) => {
	test.setTimeout(120_000);
	const hero = 'robin.hero@example.test';
	const { context, page: tab } = await visitor(browser, '127.0.1.1');

	// Invalid input: each error by its field, the input kept, nothing stored or sent.
	await tab.goto('/search-heroes');
	await hydrated(tab);
	await tab.getByLabel('Email address').fill('not an email');
	await tab.getByLabel('First name').fill('Robin');
	await tab.getByRole('button', { name: 'Sign up' }).click();
	await expect(tab.getByText('Enter an email address in the format name@example.org.')).toBeVisible();
	await expect(tab.getByText('Tick the box to agree to appeal emails, or we cannot send them.')).toBeVisible();
	await expect(tab.getByLabel('First name')).toHaveValue('Robin');
	await expectAccessible(tab);

	await tab.getByLabel('Email address').fill(hero);
	await tab.getByLabel('Your region').selectOption({ label: 'London' });
	const consent = tab.getByLabel(/I agree to receive emails with appeals/);
	await expect(consent).not.toBeChecked();
	await consent.check();
	await tab.getByRole('button', { name: 'Sign up' }).click();
	await expect(tab.getByText('Check your email')).toBeVisible();

	await signIn(page, ACCOUNTS.admin);
	const confirmMail = await readLatestMail(page, hero);
	await expect(page.getByText('List-Unsubscribe=One-Click')).toBeVisible();
	const confirmLink = confirmMail.match(/http\S+\/search-heroes\/confirm\/\S+/)![0];

	// Opening the link confirms nothing: only the button does.
	await tab.goto(confirmLink);
	await expect(tab.getByRole('heading', { name: 'Confirm your sign-up' })).toBeVisible();
	await expectAccessible(tab);
	await tab.goto(confirmLink);
	await tab.getByRole('button', { name: 'Confirm my sign-up' }).click();
	await expect(tab.getByRole('heading', { name: 'You are a Digital Search Hero' })).toBeVisible();
	await expectAccessible(tab);
	await tab.goto(confirmLink);
	await expect(tab.getByRole('heading', { name: 'This link cannot be used' })).toBeVisible();

	// Staff publish an appeal in the hero's region; a bad photo and missing fields are refused first.
	await signOut(page);
	await signIn(page, ACCOUNTS.consultant);
	await page.getByRole('link', { name: 'Appeals' }).first().click();
	await expectAccessible(page);
	await page.getByRole('link', { name: 'Publish an appeal' }).click();
	await hydrated(page);
	await expectAccessible(page);
	await page.getByLabel('First name').fill('Morgan');
	await page.getByLabel('Photo').setInputFiles('tests/e2e/files/not-a-photo.png');
	await page.getByRole('button', { name: 'Publish the appeal' }).click();
	await expect(page.getByText('Enter their age in years.')).toBeVisible();
	await expect(page.getByText('Choose the region of the appeal.')).toBeVisible();
	await expect(page.getByLabel('First name')).toHaveValue('Morgan');
	await expectAccessible(page);
	await page.getByLabel('Age').fill('34');
	await page.getByLabel('Region').selectOption({ label: 'London' });
	await page.getByLabel('Missing since').fill('2026-01-05');
	await page.getByLabel('Description').fill('Fictional test appeal. Tall, beard, grey hoodie.');
	await page.getByLabel('Photo').setInputFiles('tests/e2e/files/not-a-photo.png');
	await page.getByRole('button', { name: 'Publish the appeal' }).click();
	await expect(page.getByText('Choose a JPEG or PNG photo.')).toBeVisible();
	await page.getByLabel('Photo').setInputFiles('tests/e2e/files/photo.png');
	await page.getByRole('button', { name: 'Publish the appeal' }).click();
	await expect(page.getByText('Appeal published')).toBeVisible();
	await expect(page.getByRole('rowheader', { name: 'Morgan' })).toBeVisible();
	// The digest would go within minutes; staff can send it at once.
	await expect(page.getByText(/1 appeal is waiting for the next digest/)).toBeVisible();
	await page.getByRole('button', { name: 'Send the digest now' }).click();
	await expect(page.getByText('Digest sent')).toBeVisible();
	await expect(page.getByText('Every appeal has reached the heroes who should get it.')).toBeVisible();
	await signOut(page);

	await signIn(page, ACCOUNTS.admin);
	const sent = await readLatestMailAsSent(page, hero);
	const appealMail = sent.text;
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Missing: Morgan, 34, missing from London');
	// The mailbox shows the header with its token masked; the working link is in the mail as sent.
	await expect(page.getByRole('definition').filter({ hasText: '/search-heroes/unsubscribe/…' })).toBeVisible();
	const unsubscribeUrl = sent.headers['list-unsubscribe'].replace(/[<>\s]/g, '');
	const appealLink = appealMail.match(/http\S+\/appeals\/[a-z0-9]+/)![0];

	// The photo is served as the image type found at upload, never sniffed.
	await tab.goto(appealLink);
	const photo = await tab.request.get(`${appealLink}/photo`);
	expect(photo.headers()['content-type']).toBe('image/png');
	expect(photo.headers()['x-content-type-options']).toBe('nosniff');

	// One click, as a mail provider sends it: a form post from elsewhere with no Origin header.
	const oneClick = await context.request.post(unsubscribeUrl, { form: { 'List-Unsubscribe': 'One-Click' } });
	expect(oneClick.status()).toBe(200);
	const preferencesLink = appealMail.match(/http\S+\/search-heroes\/preferences\/\S+/)![0];
	await tab.goto(preferencesLink);
	await expect(tab.getByRole('heading', { name: 'You have unsubscribed' })).toBeVisible();
	await expectAccessible(tab);

	// Other cross-site form posts are still refused.
	const forged = await context.request.post(preferencesLink + '?/save', { headers: { origin: 'https://attacker.example' }, form: { firstName: 'x' } });
	expect(forged.status()).toBe(403);

	// No more appeals reach them.
	const before = await outboxCount(page, hero);
	await signOut(page);
	await signIn(page, ACCOUNTS.consultant);
	await page.goto('/app/appeals/new');
	await hydrated(page);
	await page.getByLabel('First name').fill('Quinn');
	await page.getByLabel('Age').fill('41');
	await page.getByLabel('Region').selectOption({ label: 'London' });
	await page.getByLabel('Missing since').fill('2026-01-06');
	await page.getByLabel('Description').fill('Fictional test appeal two.');
	await page.getByRole('button', { name: 'Publish the appeal' }).click();
	await expect(page.getByText('Appeal published')).toBeVisible();
	// The only London hero has unsubscribed, so the appeal waits for no one.
	await expect(page.getByText('Every appeal has reached the heroes who should get it.')).toBeVisible();
	await signOut(page);
	await signIn(page, ACCOUNTS.admin);
	expect(await outboxCount(page, hero)).toBe(before);
	await context.close();
});

test('a member of the public reports a sighting, staff see it, and removing the appeal removes it everywhere', async ({ page, browser }) => {
	// A whole journey across three people's browsers: more than a minute on a busy machine.
	test.slow();
	const { context, page: tab } = await visitor(browser, '127.0.1.2');
	await tab.goto('/appeals');
	await tab.getByRole('link', { name: 'Elsie' }).click();
	const appealUrl = tab.url();
	await hydrated(tab);
	await expect(tab.getByText('If someone is in danger now, call 999.')).toBeVisible();
	await tab.getByLabel('Where did you see them?').fill('Kestrel Bay pier');
	await tab.getByRole('button', { name: 'Send sighting' }).click();
	await expect(tab.getByText('Enter when you saw them.')).toBeVisible();
	await expect(tab.getByText('Enter what you saw.')).toBeVisible();
	await expect(tab.getByLabel('Where did you see them?')).toHaveValue('Kestrel Bay pier');
	await expectAccessible(tab);
	await tab.getByLabel('When did you see them?').fill('This morning, about 8am');
	await tab.getByLabel('What did you see?').fill('An older woman in a long green raincoat, walking towards the station.');
	await tab.getByRole('button', { name: 'Send sighting' }).click();
	await expect(tab.getByText('Thank you: your sighting has reached our staff')).toBeVisible();
	await expectAccessible(tab);
	// Never public.
	await tab.goto('/app/sightings');
	await expect(tab).toHaveURL(/\/login/);
	await expect(tab.getByText('green raincoat, walking towards the station')).toHaveCount(0);

	await signIn(page, ACCOUNTS.consultant);
	await page.getByRole('link', { name: 'Sightings' }).first().click();
	const row = page.getByRole('row').filter({ hasText: 'Kestrel Bay pier' });
	await expect(row).toContainText('This morning, about 8am');
	await expectAccessible(page);
	await row.getByRole('button', { name: /Mark handled: the sighting of Elsie/ }).click();
	await expect(page.getByText('Sighting marked as handled')).toBeVisible();
	await expect(page.getByRole('row').filter({ hasText: 'Kestrel Bay pier' })).toContainText('Handled');

	// A partner cannot reach the staff queues.
	const partner = await visitor(browser, '127.0.1.3');
	await signIn(partner.page, ACCOUNTS.partnerNorth);
	for (const path of ['/app/sightings', '/app/appeals', '/app/enquiries']) {
		expect((await partner.page.goto(path))?.status(), path).toBe(403);
	}
	await partner.context.close();

	await page.goto('/app/appeals');
	page.once('dialog', (dialog) => dialog.accept());
	await page.getByRole('button', { name: 'Remove the appeal for Elsie' }).click();
	await expect(page.getByText('Appeal removed')).toBeVisible();
	await expect(page.getByRole('rowheader', { name: 'Elsie' })).toHaveCount(0);
	await page.goto('/app/sightings');
	await expect(page.getByText('Kestrel Bay pier')).toHaveCount(0);

	expect((await tab.goto(appealUrl))?.status()).toBe(404);
	await tab.goto('/appeals');
	await expect(tab.getByRole('link', { name: 'Elsie' })).toHaveCount(0);
	const feed = await (await tab.request.get('/appeals/feed.xml')).text();
	expect(feed).not.toContain('Elsie');
	expect(feed).toContain('Rowan');
	await context.close();
});

test('a council asks to become a partner area and a consultant moves the enquiry along', async ({ page, browser }) => {
	const { context, page: tab } = await visitor(browser, '127.0.1.4');
	await tab.goto('/');
	await tab.getByRole('link', { name: 'Become a partner area' }).click();
	await hydrated(tab);
	await tab.getByLabel('Organisation name').fill('Westmarch Borough Council');
	await tab.getByLabel('Work email address').fill('lead@westmarch');
	await tab.getByRole('button', { name: 'Send enquiry' }).click();
	await expect(tab.getByText('Choose the kind of organisation you work for.')).toBeVisible();
	await expect(tab.getByText('Enter your name.')).toBeVisible();
	await expect(tab.getByText('Enter an email address in the format name@example.org.')).toBeVisible();
	await expect(tab.getByLabel('Organisation name')).toHaveValue('Westmarch Borough Council');
	await expectAccessible(tab);
	await tab.getByLabel('Your organisation is a').selectOption({ label: 'Council (local authority)' });
	await tab.getByLabel('Your name').fill('Ira Example');
	await tab.getByLabel('Work email address').fill('ira@westmarch.example');
	await tab.getByLabel('What would you like to do?').fill('Children placed with us from other areas keep going missing.');
	await tab.getByRole('button', { name: 'Send enquiry' }).click();
	await expect(tab.getByText('Thank you: your enquiry has reached our consultants')).toBeVisible();
	await expectAccessible(tab);
	await context.close();

	await signIn(page, ACCOUNTS.consultant);
	await page.getByRole('link', { name: 'Enquiries' }).click();
	await expectAccessible(page);
	const enquiry = page.getByRole('article', { name: 'Westmarch Borough Council' });
	await expect(enquiry).toContainText('Ira Example');
	await expect(enquiry).toContainText('New');
	await enquiry.getByLabel('Status', { exact: true }).selectOption('contacted');
	await enquiry.getByRole('button', { name: 'Save the status of Westmarch Borough Council' }).click();
	await expect(page.getByText('Status saved')).toBeVisible();
	await expect(page.getByRole('article', { name: 'Westmarch Borough Council' })).toContainText('Contacted');
	await signOut(page);

	await signIn(page, ACCOUNTS.admin);
	await readLatestMail(page, ACCOUNTS.admin);
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('New partner enquiry: Westmarch Borough Council');
});

test('a school asks for a Hydra session in its area from the Hydra page, and the requests inbox shows it', async ({ page, browser }) => {
	const { context, page: tab } = await visitor(browser, '127.0.1.5');
	await tab.goto('/');
	await tab.getByRole('link', { name: 'Hydra training' }).click();
	await expect(tab.getByRole('heading', { name: 'Hydra training', level: 1 })).toBeVisible();
	await tab.getByLabel('A session in our area').check();
	await tab.getByLabel('Your name').fill('Sol Example');
	await tab.getByLabel('Organisation name').fill('Eastbrook Academy');
	await tab.getByLabel('Your organisation works in').selectOption({ label: 'Education' });
	await tab.getByLabel('Work email address').fill('sol@eastbrook.example');
	await tab.getByLabel('Anything we should know').fill('Our pastoral team would like to train with the local police.');
	await tab.getByRole('button', { name: 'Send request' }).click();
	await expect(tab.getByText('Thank you: your request has reached our consultants')).toBeVisible();
	await context.close();

	await signIn(page, ACCOUNTS.consultant);
	await page.goto('/app/hydra/requests');
	await expect(page.getByRole('article', { name: 'Eastbrook Academy' })).toContainText('A session in our area');
});

test('the enquiry form refuses a cross-site post', async ({ request }) => {
	const response = await request.post('/partner-with-us', {
		headers: { origin: 'https://attacker.example' },
		form: { organisationType: 'police', organisation: 'x', name: 'x', email: 'x@example.test', message: 'x' }
	});
	expect(response.status()).toBe(403);
	expect(ORIGIN).toContain('localhost');
});

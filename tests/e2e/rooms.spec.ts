// A workshop room end to end: the area's lead opens a room; three guests join on their own phones (each its own browser
// context and venue address, no account); notes reach every screen without a reload, a note with a phone number is
// held for the facilitator; a proposed actor accepted by the facilitator appears on every phone; a removed guest and,
// once the room closes, every guest is refused. A guest's cookie opens nothing but its own room.
import { expect, type Page } from '@playwright/test';
import { ACCOUNTS, ORIGIN, expectAccessible, signIn, test } from './fixtures';
import { addNote, join, openRoom, phone } from './workshop-room';

const AREA = '/app/areas/northbrook';
const SHOTS = process.env.E2E_RESULTS ?? 'test-results';

const board = (page: Page) => page.getByRole('region', { name: 'The room’s notes' });
const onMap = (page: Page) => page.getByRole('region', { name: /^On the map/ });

test('a lead runs a workshop room with three guests who have no account', async ({ browser, page }) => {
	test.setTimeout(240_000);
	await signIn(page, ACCOUNTS.consultant);
	await page.goto(`${AREA}/rooms`);
	await expectAccessible(page);
	const { code, url: facilitator } = await openRoom(page, 'Northbrook, workshop 3 (room e2e)');
	// The join link and its QR code carry ORIGIN, large enough for a projector.
	await expect(page.getByText(`${ORIGIN}/w/${code}`)).toBeVisible();
	await expect(page.getByRole('img', { name: `QR code that opens ${ORIGIN}/w/${code}` })).toBeVisible();
	await page.setViewportSize({ width: 1280, height: 720 });
	await expectAccessible(page);

	// Three guests join on their own phones, from their own addresses.
	const [asha, ben, cara] = await Promise.all([phone(browser, '127.0.6.1'), phone(browser, '127.0.6.2'), phone(browser, '127.0.6.3')]);
	await asha.goto(`/w/${code.toLowerCase()}`);
	await expect(asha).toHaveURL(new RegExp(`/w/${code}$`));
	await expectAccessible(asha);
	await asha.screenshot({ path: `${SHOTS}/room-join-390.png`, fullPage: true });
	// A name with a control character is refused next to the field, and nothing is joined.
	await asha.getByLabel('Your name, as the room will see it').fill('Asha\u0007');
	await asha.getByLabel('Your organisation').fill('Northbrook Police');
	await asha.getByRole('button', { name: 'Join the room' }).click();
	await expect(asha.getByText('You are')).toHaveCount(0);
	await join(asha, code, 'Asha', 'Northbrook Police');
	// Asha's screen keeps one event stream open while the room's changes re-load it.
	let streams = 0;
	asha.on('request', (r) => void (new URL(r.url()).pathname === `/w/${code}/events` && streams++));
	await join(ben, code, 'Ben', 'Northbrook Children’s Services');
	await join(cara, code, 'Cara', 'St Anne’s School');
	await expectAccessible(ben);

	// The facilitator sees who is in, without reloading.
	const guests = page.getByRole('table', { name: 'Guests of this room' });
	for (const name of ['Asha', 'Ben', 'Cara']) await expect(guests.getByRole('cell', { name, exact: true })).toBeVisible();
	await expect(guests.getByRole('cell', { name: 'St Anne’s School', exact: true })).toBeVisible();

	// A dot vote in the room: tallies hidden while the room votes, with a countdown on every screen, then revealed.
	await page.getByLabel('Question').fill('Which actors matter most tonight?');
	await page.getByLabel('On the vote').selectOption({ label: 'Actors on the map' });
	await page.getByLabel('Dots for each person').fill('2');
	await page.getByLabel('Minutes on the timer').fill('5');
	await page.getByRole('button', { name: 'Open the vote' }).click();
	await expect(page.getByRole('heading', { level: 1, name: 'Which actors matter most tonight?' })).toBeVisible();
	const vote = (screen: Page) => screen.getByRole('region', { name: 'Dot vote: Which actors matter most tonight?' });
	for (const screen of [asha, ben, cara]) await expect(vote(screen).getByRole('timer')).toBeVisible();
	await vote(asha).getByRole('button', { name: 'Place a dot on MASH police' }).click();
	await expect(vote(asha).getByText('You have 1 of 2 dots left.')).toBeVisible();
	await vote(asha).getByRole('button', { name: 'Place a dot on MASH police' }).click();
	await expect(vote(asha).getByText('You have 0 of 2 dots left.')).toBeVisible();
	await vote(ben).getByRole('button', { name: 'Place a dot on GP' }).click();
	await expect(vote(ben).getByText('You have 1 of 2 dots left.')).toBeVisible();
	await vote(cara).getByRole('button', { name: 'Place a dot on MASH police' }).click();
	await expect(vote(cara).getByText('3 people have voted.')).toBeVisible();
	// Hidden: no tally on any screen, the facilitator's included.
	for (const screen of [asha, ben, cara]) await expect(vote(screen).getByLabel(/^\d+ dots?$/)).toHaveCount(0);
	await expect(page.getByText('3 people have voted.')).toBeVisible();
	await expect(page.getByLabel(/^\d+ dots?$/)).toHaveCount(0);
	await expect(page.getByRole('timer')).toBeVisible();
	await expectAccessible(page);
	await page.getByRole('button', { name: 'Reveal the tallies' }).click();
	for (const screen of [asha, ben, cara]) {
		await expect(vote(screen).getByRole('listitem').first()).toContainText('MASH police');
		await expect(vote(screen).getByRole('listitem').first().getByLabel('3 dots')).toBeVisible();
		await expect(vote(screen).getByRole('listitem').filter({ hasText: 'GP' }).first().getByLabel('1 dot', { exact: true })).toBeVisible();
	}
	await expectAccessible(asha);
	await page.goto(facilitator);
	// The room's own page keeps what the vote found once it is revealed: the leader first, with its dots.
	const results = page.getByRole('list', { name: 'Most dots in “Which actors matter most tonight?”, from 3 people' });
	await expect(results.getByRole('listitem').first()).toContainText('3 dots MASH police');
	await expect(results.getByRole('listitem').nth(1)).toContainText('1 dot GP');

	// A note with a control character is refused beside the field and reaches nobody; one over the limit is refused too.
	await addNote(cara, 'Idea', 'Journey stage: Before', 'A bell\u0007 in the note');
	await expect(cara.getByText('Remove the control characters from this text.')).toBeVisible();
	await expect(cara.getByLabel('Note', { exact: true })).toHaveValue('A bell\u0007 in the note');
	const oversized = await cara.request.post(`/w/${code}?/note`, {
		form: { kind: 'idea', target: 'stage:before', text: 'x'.repeat(281) },
		headers: { origin: ORIGIN, accept: 'text/html' }
	});
	expect(oversized.status()).toBe(400);
	await cara.getByLabel('Note', { exact: true }).fill('');

	// A note reaches every screen, while Ben is half-way through his own: what he chose and typed stays as it was.
	await ben.getByLabel('Kind of note').selectOption({ label: 'Idea' });
	await ben.getByLabel('On', { exact: true }).selectOption({ label: 'Journey stage: After' });
	await ben.getByLabel('Note', { exact: true }).fill('Half a thought about');
	await addNote(asha, 'What works', 'Journey stage: During', 'The daily call between police and the home works.');
	await expect(asha.getByRole('status').filter({ hasText: 'Your note is on the board.' })).toBeVisible();
	for (const screen of [ben, cara]) await expect(board(screen).getByText('The daily call between police and the home works.')).toBeVisible();
	await expect(ben.getByLabel('Note', { exact: true })).toHaveValue('Half a thought about');
	await expect(ben.getByLabel('Kind of note')).toHaveValue('idea');
	await expect(ben.getByLabel('On', { exact: true }).locator('option:checked')).toHaveText('Journey stage: After');
	await expect(board(cara).getByText(/A bell|xxxx/)).toHaveCount(0);
	await expect(page.getByText('The daily call between police and the home works.')).toBeVisible();

	await addNote(ben, 'What breaks', 'Journey stage: Return', 'Call her carer on 07700 900123 before the interview.');
	await expect(ben.getByText(/Your note is waiting for the facilitator/)).toBeVisible();
	const held = page.locator('section', { has: page.getByRole('heading', { name: 'Held for you (1)' }) });
	await expect(held.getByText('Call her carer on 07700 900123 before the interview.')).toBeVisible();
	await expect(held.getByText('Found: Phone number')).toBeVisible();
	for (const screen of [asha, ben, cara]) await expect(board(screen).getByText(/07700 900123/)).toHaveCount(0);
	await held.getByRole('button', { name: 'Discard the note by Ben' }).click();
	await expect(page.getByRole('heading', { name: /^Held for you/ })).toHaveCount(0);
	await page.evaluate(() => window.scrollTo(0, 0));
	await page.screenshot({ path: `${SHOTS}/room-facilitator-1280.png` });

	// A proposed actor, once the facilitator accepts it, is on every phone's map.
	await cara.getByLabel('Actor’s name').fill('Northbrook Youth Club (room e2e)');
	await cara.getByLabel('Sector').selectOption({ label: 'Voluntary' });
	await cara.getByRole('button', { name: 'Propose it' }).click();
	await expect(cara.getByText('Your proposal has gone to the facilitator.')).toBeVisible();
	await page.getByRole('button', { name: 'Accept Northbrook Youth Club (room e2e) into the map' }).click();
	for (const screen of [asha, ben, cara]) await expect(onMap(screen).getByText('Northbrook Youth Club (room e2e)')).toBeVisible();
	await expect(asha.getByLabel('On', { exact: true }).locator('option', { hasText: 'Actor: Northbrook Youth Club (room e2e)' })).toHaveCount(1);
	await cara.screenshot({ path: `${SHOTS}/room-guest-390.png`, fullPage: true });
	await expectAccessible(cara);

	expect(streams, 'event streams Asha opened while notes and proposals arrived').toBeLessThanOrEqual(1);

	// A removed guest's next action is refused with a message.
	page.once('dialog', (dialog) => dialog.accept());
	await page.getByRole('button', { name: 'Remove Cara (St Anne’s School)' }).click();
	await expect(guests.getByText('Removed')).toBeVisible();
	// Cara's screen says so at once (her forms go), and what she sends next is refused with the same words.
	await expect(cara.getByText('The facilitator has removed you from this room, so you cannot add anything more.')).toBeVisible();
	await expect(cara.getByRole('button', { name: 'Add the note' })).toHaveCount(0);
	const refused = await cara.request.post(`/w/${code}?/note`, {
		form: { kind: 'idea', target: 'stage:before', text: 'A shared contact list.' },
		headers: { origin: ORIGIN, accept: 'text/html' }
	});
	expect(refused.status()).toBe(403);
	expect(await refused.text()).toContain('The facilitator has removed you from this room');
	await expect(board(asha).getByText('A shared contact list.')).toHaveCount(0);

	// The facilitator closes the room: every guest's screen says so, and their next requests are refused.
	await page.goto(facilitator);
	page.once('dialog', (dialog) => dialog.accept());
	await page.getByRole('button', { name: 'Close the room' }).click();
	await expect(page.getByText('The room is closed: guests can add nothing more.')).toBeVisible();
	for (const screen of [asha, ben]) await expect(screen.getByText('This workshop room has closed, so it takes nothing more.')).toBeVisible();
	const late = await asha.request.post(`/w/${code}?/note`, {
		form: { kind: 'idea', target: 'stage:after', text: 'Too late' },
		headers: { origin: ORIGIN, accept: 'text/html' }
	});
	expect(late.status()).toBe(403);
	expect(await late.text()).toContain('This workshop room has closed');
	expect((await asha.request.get(`/w/${code}/events`)).status()).toBe(404);
	const stranger = await phone(browser, '127.0.6.9');
	await stranger.goto(`/w/${code}`);
	await expect(stranger.getByText('This room has closed')).toBeVisible();
	await expectAccessible(stranger);

	// The room's record stays with the area: its notes and what it added to the map.
	await page.goto(`${AREA}/rooms`);
	const listed = page.getByRole('listitem').filter({ hasText: 'Northbrook, workshop 3 (room e2e)' });
	await expect(listed.getByText('Closed')).toBeVisible();
	await listed.getByRole('link').click();
	await expect(page.getByText('The daily call between police and the home works.')).toBeVisible();
	await expect(page.getByRole('region', { name: 'Added to the map from this room' }).getByText(/Northbrook Youth Club \(room e2e\)/)).toBeVisible();
	await expect(page.getByText(/07700 900123/)).toHaveCount(0);
	await expectAccessible(page);

	for (const p of [asha, ben, cara, stranger]) await p.context().close();
});

test('a guest cookie opens its own room only, and another area’s partner cannot open the room’s pages', async ({ browser, page }) => {
	test.setTimeout(120_000);
	await signIn(page, ACCOUNTS.consultant);
	const mine = await openRoom(page, 'Northbrook, access check A (room e2e)');
	const other = await openRoom(page, 'Northbrook, access check B (room e2e)');

	const guest = await phone(browser, '127.0.6.20');
	await join(guest, mine.code, 'Dev', 'Northbrook Police');
	const request = guest.request;
	for (const path of ['/app', `${AREA}`, `${AREA}/map`, `${AREA}/rooms`, `${new URL(mine.url).pathname}`, `${AREA}/events`, `${AREA}/map/__data.json`, `${AREA}/map/network.json`, `/w/${other.code}`, `/w/${other.code}/events`, `/w/${other.code}/__data.json`]) {
		const response = await request.get(path, { maxRedirects: 0 });
		expect(response.status(), path).toBe(404);
	}
	// Posting into another room is refused the same way.
	const foreign = await request.post(`/w/${other.code}?/note`, { form: { kind: 'idea', target: 'stage:after', text: 'x' }, headers: { origin: ORIGIN, accept: 'text/html' }, maxRedirects: 0 });
	expect(foreign.status()).toBe(404);
	// Its own room still works, event stream included.
	expect((await request.get(`/w/${mine.code}`)).status()).toBe(200);
	const controller = new AbortController();
	const cookies = (await guest.context().cookies()).map((c) => `${c.name}=${c.value}`).join('; ');
	const stream = await fetch(`${ORIGIN}/w/${mine.code}/events`, { headers: { cookie: cookies, 'x-forwarded-for': '127.0.6.20' }, signal: controller.signal });
	expect(stream.status).toBe(200);
	expect(stream.headers.get('content-type')).toContain('text/event-stream');
	controller.abort();
	// The cookie is HttpOnly and expires with the room.
	const [cookie] = (await guest.context().cookies()).filter((c) => c.name === 'homeward_room');
	expect(cookie.httpOnly).toBe(true);
	expect(cookie.expires).toBeGreaterThan(Date.now() / 1000);
	expect(cookie.expires).toBeLessThan(Date.now() / 1000 + 13 * 3600);

	// A wrong code gets a clear message.
	const wrong = await phone(browser, '127.0.6.21');
	const missing = await wrong.goto('/w/ACDACD');
	expect(missing?.status()).toBe(404);
	await expect(wrong.getByText('No workshop room has this code.')).toBeVisible();

	// A partner of another area gets 404 for the room's facilitator pages.
	const south = await browser.newContext({ extraHTTPHeaders: { 'x-forwarded-for': '127.0.6.22' } });
	const southPage = await south.newPage();
	await signIn(southPage, ACCOUNTS.partnerSouth);
	for (const path of [`${AREA}/rooms`, new URL(mine.url).pathname]) {
		expect((await southPage.request.get(path)).status(), path).toBe(404);
	}

	// Close both rooms again.
	for (const room of [mine, other]) {
		await page.goto(room.url);
		page.once('dialog', (dialog) => dialog.accept());
		await page.getByRole('button', { name: 'Close the room' }).click();
		await expect(page.getByText('The room is closed: guests can add nothing more.')).toBeVisible();
	}
	for (const ctx of [guest.context(), wrong.context(), south]) await ctx.close();
});

// A guest's proposed handoff, end to end: a guest on their phone proposes a handoff in the map's short form; the
// facilitator sees it arrive and accepts it; without a reload it is on another guest's phone and on a member's map
// table, without a reload. After the room, its page keeps what it added, and the action plan carries the room's record.
import { expect, type Browser } from '@playwright/test';
import { ACCOUNTS, ORIGIN, expectAccessible, signIn, test } from './fixtures';
import { addNote, join, openRoom, phone } from './workshop-room';

const AREA = '/app/areas/northbrook';
const SHOTS = process.env.E2E_RESULTS ?? 'test-results';
const TITLE = 'Northbrook, proposals (room e2e)';
const LABEL = 'Strategy discussion request (room e2e)';

async function signedIn(browser: Browser, account: string, viewport = { width: 1280, height: 800 }) {
	const context = await browser.newContext({ locale: 'en-GB', viewport });
	const page = await context.newPage();
	await signIn(page, account);
	return page;
}

test('a guest proposes a handoff, the facilitator accepts it, and every screen shows it without a reload', async ({ browser }) => {
	test.setTimeout(300_000);
	const facilitator = await signedIn(browser, ACCOUNTS.consultant);
	const { code, url: roomPage } = await openRoom(facilitator, TITLE);
	const member = await signedIn(browser, ACCOUNTS.viewerNorth);
	await member.goto(`${AREA}/map/table`);
	await expect(member.getByRole('rowheader', { name: LABEL })).toHaveCount(0);

	const [asha, ben] = await Promise.all([phone(browser, '127.0.8.1'), phone(browser, '127.0.8.2')]);
	await join(asha, code, 'Asha', 'Northbrook Police');
	await join(ben, code, 'Ben', 'Northbrook Children’s Services');

	// The short form refuses a handoff to the same actor, beside the field, and keeps what was typed.
	const form = asha.locator('form[action="?/proposeHandoff"]');
	await form.getByLabel('Who hands over').selectOption({ label: 'Duty inspector' });
	await form.getByLabel('Who receives').selectOption({ label: 'Duty inspector' });
	await form.getByLabel('What the handoff is called').fill(LABEL);
	await form.getByLabel('Journey stage').selectOption({ label: 'During' });
	await form.getByLabel('What passes').selectOption({ label: 'Referral' });
	await form.getByLabel('How well it works today').selectOption({ label: 'Broken' });
	await form.getByLabel('In short').fill('Inspectors ask for a strategy discussion by phone and nobody writes it down.');
	await form.getByRole('button', { name: 'Propose the handoff' }).click();
	await expect(form.getByText('A handoff goes to a different actor: choose another receiver.')).toBeVisible();
	await expect(form.getByLabel('What the handoff is called')).toHaveValue(LABEL);
	await expectAccessible(asha);
	await form.getByLabel('Who receives').selectOption({ label: 'Social worker' });
	await form.getByRole('button', { name: 'Propose the handoff' }).click();
	await expect(asha.getByText('Your proposal has gone to the facilitator.')).toBeVisible();
	const proposals = (page: typeof asha) => page.getByRole('region', { name: 'Proposals' });
	await expect(proposals(asha).getByText(`Handoff: Duty inspector to Social worker, “${LABEL}” (During; passes referral; broken): waiting for the facilitator`)).toBeVisible();
	// Another guest does not see it while it waits.
	await expect(ben.getByText(LABEL)).toHaveCount(0);
	await asha.screenshot({ path: `${SHOTS}/room-propose-handoff-390.png`, fullPage: true });

	// The facilitator sees it arrive, with what passes and the guest's words, and accepts it.
	await expect(facilitator.getByText(`Handoff: Duty inspector to Social worker, “${LABEL}” (During; passes referral; broken)`)).toBeVisible();
	await expect(facilitator.getByText('Inspectors ask for a strategy discussion by phone and nobody writes it down.')).toBeVisible();
	await expectAccessible(facilitator);
	await facilitator.screenshot({ path: `${SHOTS}/room-handoff-proposal-1280.png`, fullPage: true });
	await facilitator.getByRole('button', { name: `Accept ${LABEL} into the map` }).click();
	await expect(facilitator.getByText('Done: the proposal has been decided.')).toBeVisible();

	// Within a second: on the other guest's phone, on the proposer's, and on a member's map table, with no reload.
	await expect(proposals(ben).getByText(`“${LABEL}” (During; passes referral; broken): added to the map`)).toBeVisible();
	await expect(proposals(asha).getByText(`“${LABEL}”`).filter({ hasText: 'added to the map' })).toBeVisible();
	await expect(member.getByRole('rowheader', { name: LABEL })).toBeVisible();
	// And the guests can now leave a note on it.
	await expect(ben.getByLabel('On', { exact: true }).locator('option', { hasText: `Handoff: Duty inspector → Social worker, ${LABEL}` })).toHaveCount(1);
	await addNote(ben, 'What breaks', `Handoff: Duty inspector → Social worker, ${LABEL}`, 'Nothing written down means nothing to review.');
	await expect(ben.getByText('Your note is on the board.')).toBeVisible();

	// A proposal whose actor was removed meanwhile: accepting says so beside it, and nothing reaches the map.
	const club = 'Ashdale youth club (room e2e)';
	await ben.getByLabel('Actor’s name').fill(club);
	await ben.getByLabel('Sector').selectOption({ label: 'Voluntary' });
	await ben.getByRole('button', { name: 'Propose it' }).click();
	await expect(ben.getByText('Your proposal has gone to the facilitator.')).toBeVisible();
	await facilitator.getByRole('button', { name: `Accept ${club} into the map` }).click();
	const clubOption = form.getByLabel('Who receives').locator('option', { hasText: club });
	await expect(clubOption).toHaveCount(1);
	const clubId = (await clubOption.getAttribute('value'))!;
	const late = 'Referral to the youth club (room e2e)';
	await form.getByLabel('Who hands over').selectOption({ label: 'Duty inspector' });
	await form.getByLabel('Who receives').selectOption({ label: club });
	await form.getByLabel('What the handoff is called').fill(late);
	await form.getByLabel('Journey stage').selectOption({ label: 'After' });
	await form.getByLabel('What passes').selectOption({ label: 'Referral' });
	await form.getByLabel('How well it works today').selectOption({ label: 'Absent (should exist but does not)' });
	await form.getByRole('button', { name: 'Propose the handoff' }).click();
	await expect(asha.getByText('Your proposal has gone to the facilitator.')).toBeVisible();
	const removed = await facilitator.request.post(`${AREA}/map?/deleteActor`, { form: { id: clubId, version: '1' }, headers: { origin: ORIGIN, 'x-sveltekit-action': 'true' } });
	expect((await removed.json()).type).toBe('success');
	await facilitator.getByRole('button', { name: `Accept ${late} into the map` }).click();
	await expect(facilitator.getByRole('alert').filter({ hasText: 'The actor who receives has been removed from the map since this was proposed, so nothing was added.' })).toBeVisible();
	await expect(facilitator.getByRole('button', { name: `Accept ${late} into the map` })).toBeVisible();
	await expect(member.getByRole('rowheader', { name: late })).toHaveCount(0);
	await expectAccessible(facilitator);
	await facilitator.getByRole('button', { name: `Decline ${late}` }).click();
	await expect(facilitator.getByText('Done: the proposal has been decided.')).toBeVisible();
	await expect(proposals(asha).getByText(`“${late}”`).filter({ hasText: 'declined' })).toBeVisible();

	// The room closes; its page keeps its notes and what it added to the map.
	await facilitator.goto(roomPage);
	facilitator.once('dialog', (dialog) => dialog.accept());
	await facilitator.getByRole('button', { name: 'Close the room' }).click();
	await expect(facilitator.getByText('The room is closed: guests can add nothing more.')).toBeVisible();
	await facilitator.goto(`${AREA}/rooms`);
	await facilitator.getByRole('listitem').filter({ hasText: TITLE }).getByRole('link').click();
	await expect(facilitator.getByText('Nothing written down means nothing to review.')).toBeVisible();
	const added = facilitator.getByRole('region', { name: 'Added to the map from this room' });
	await expect(added.getByText(`Handoff: Duty inspector to Social worker, “${LABEL}”`)).toBeVisible();
	await expectAccessible(facilitator);

	// The plan carries the room's record when chosen: on the page, and in the PDF.
	await facilitator.goto(`${AREA}/plan`);
	const option = facilitator.getByLabel('Include a workshop room’s record').locator('option', { hasText: TITLE });
	await facilitator.getByLabel('Include a workshop room’s record').selectOption((await option.getAttribute('value'))!);
	await facilitator.locator('form.record-form').screenshot({ path: `${SHOTS}/plan-choose-room.png` });
	await facilitator.getByRole('button', { name: 'Show it in the plan' }).click();
	const record = facilitator.getByRole('region', { name: `Workshop record: ${TITLE}` });
	await expect(record).toBeVisible();
	await expect(facilitator.getByRole('navigation', { name: 'Contents' }).getByRole('link', { name: `Workshop record: ${TITLE}` })).toBeVisible();
	await expect(record.getByRole('table', { name: 'Who took part (2)' }).getByRole('cell', { name: 'Asha', exact: true })).toBeVisible();
	await expect(record.getByRole('table', { name: `Handoff: Duty inspector → Social worker: ${LABEL}` }).getByText('Nothing written down means nothing to review.')).toBeVisible();
	await expect(record.getByRole('table', { name: 'Added to the map from this room' }).getByText(LABEL)).toBeVisible();
	await expectAccessible(facilitator);
	await record.screenshot({ path: `${SHOTS}/plan-workshop-record.png` });
	const download = facilitator.waitForEvent('download');
	await facilitator.getByRole('button', { name: 'Download the PDF with it' }).click();
	const file = await download;
	expect(file.suggestedFilename()).toBe('northbrook-action-plan.pdf');
	const pdf = await (await facilitator.request.get(new URL(file.url()).pathname + new URL(file.url()).search)).body();
	expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
	expect(new URL(file.url()).searchParams.get('room')).toBeTruthy();

	for (const page of [facilitator, member, asha, ben]) await page.context().close();
});

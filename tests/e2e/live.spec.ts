import { expect, type Browser } from '@playwright/test';
import { ACCOUNTS, expectAccessible, signIn, test } from './fixtures';

const MAP = '/app/areas/northbrook/map';

async function signedIn(browser: Browser, account: string) {
	const context = await browser.newContext({ locale: 'en-GB' });
	const page = await context.newPage();
	await signIn(page, account);
	return { context, page };
}

test('a handoff added in one browser appears in another without a reload, and each sees who else is there', async ({ browser }) => {
	const editor = await signedIn(browser, ACCOUNTS.partnerNorth);
	const viewer = await signedIn(browser, ACCOUNTS.viewerNorth);
	await editor.page.goto(MAP);
	await viewer.page.goto(`${MAP}/table`);
	const rows = viewer.page.getByRole('heading', { name: /^Handoffs \(\d+\)$/ });
	const before = Number((await rows.textContent())!.match(/\d+/)![0]);

	// Presence: on the same page, each sees the other by name and organisation.
	await viewer.page.goto(MAP);
	await expect(viewer.page.getByText(/Also on this page: .*Priya North/)).toBeVisible();
	await expect(editor.page.getByText(/Also on this page: .*Vic Viewer \(Northbrook Integrated Care Board\)/)).toBeVisible();
	await expectAccessible(viewer.page);
	await viewer.page.goto(`${MAP}/table`);
	await expect(editor.page.getByText(/1 other person is elsewhere in this area/)).toBeVisible();

	const form = editor.page.locator('form[action="?/addHandoff"]');
	await form.getByLabel('From (who hands over)').selectOption({ label: 'Duty inspector' });
	await form.getByLabel('To (who receives)').selectOption({ label: 'Social worker' });
	await form.getByLabel('What the handoff is called').fill('Live test: strategy discussion request');
	await form.getByLabel('Journey stage').selectOption({ label: 'During' });
	await form.getByLabel('How well it works').selectOption({ label: 'Patchy' });
	await form.getByRole('button', { name: 'Add handoff' }).click();
	await expect(editor.page.getByText('Handoff "Live test: strategy discussion request" added.')).toBeVisible();

	// No reload in the other browser: the change arrives on its own.
	await expect(viewer.page.getByRole('rowheader', { name: 'Live test: strategy discussion request' })).toBeVisible();
	await expect(rows).toHaveText(`Handoffs (${before + 1})`);

	// Leaving the area: gone from the other's page.
	await viewer.context.close();
	await expect(editor.page.getByText(/elsewhere in this area/)).toHaveCount(0);
	await editor.context.close();
});

test('an action status changed in one browser is shown in another without a reload', async ({ browser }) => {
	const editor = await signedIn(browser, ACCOUNTS.partnerNorth);
	const viewer = await signedIn(browser, ACCOUNTS.viewerNorth);
	const title = 'Live test: agree the return interview hand-over';
	await viewer.page.goto('/app/areas/northbrook/actions/board');
	await editor.page.goto('/app/areas/northbrook/actions/new');
	await editor.page.getByLabel('Title').fill(title);
	await editor.page.getByRole('button', { name: 'Add action' }).click();
	// The add lands on the new action's page, even with its own change event arriving during the redirect.
	await expect(editor.page.getByRole('heading', { name: title, level: 1 })).toBeVisible();
	await expect(viewer.page.getByRole('list', { name: /Not started/ }).getByRole('link', { name: title })).toBeVisible();

	await editor.page.getByLabel('What has happened').fill('Started at the partnership meeting.');
	await editor.page.getByLabel('Change the status to').selectOption({ label: 'In progress' });
	await editor.page.getByRole('button', { name: 'Post update' }).click();
	await expect(editor.page.getByText('Update posted')).toBeVisible();
	await expect(viewer.page.getByRole('list', { name: /In progress/ }).getByRole('link', { name: title })).toBeVisible();
	await editor.context.close();
	await viewer.context.close();
});

test('the facilitator steps through the journey and a following participant moves with them; dot votes count live', async ({ browser }) => {
	const facilitator = await signedIn(browser, ACCOUNTS.consultant);
	const participant = await signedIn(browser, ACCOUNTS.viewerNorth);
	const present = '/app/areas/northbrook/present';
	await facilitator.page.goto(present);
	await participant.page.goto(present);
	const now = (await participant.page.getByRole('heading', { level: 1 }).textContent())!.trim();
	await expect(facilitator.page.getByRole('heading', { level: 1 })).toHaveText(now);
	await expectAccessible(participant.page);

	const forward = facilitator.page.getByRole('button', { name: 'Next slide' });
	const step = (await forward.isEnabled()) ? forward : facilitator.page.getByRole('button', { name: 'Previous slide' });
	await step.click();
	await expect(facilitator.page.getByRole('heading', { level: 1 })).not.toHaveText(now);
	const next = (await facilitator.page.getByRole('heading', { level: 1 }).textContent())!.trim();
	await expect(participant.page.getByRole('heading', { level: 1 })).toHaveText(next);

	// Looking around alone: the facilitator's next move no longer carries them along.
	await participant.page.getByRole('link', { name: 'Look around on my own' }).click();
	await expect(participant.page.getByText('looking around on your own')).toBeVisible();
	await facilitator.page.getByRole('button', { name: next === 'Before' ? 'Next slide' : 'Previous slide' }).click();
	await expect(facilitator.page.getByRole('heading', { level: 1 })).not.toHaveText(next);
	await participant.page.waitForTimeout(500);
	await expect(participant.page.getByRole('heading', { level: 1 })).toHaveText(next);

	// A vote: the facilitator opens it, the participant's dot appears on the facilitator's screen.
	await facilitator.page.goto('/app/areas/northbrook/votes');
	await facilitator.page.getByLabel('Question').fill('Live test: which handoff first?');
	await facilitator.page.getByLabel('Dots for each person').fill('2');
	await facilitator.page.getByRole('button', { name: 'Open the vote' }).click();
	await expect(facilitator.page.getByRole('heading', { name: 'Live test: which handoff first?', level: 1 })).toBeVisible();
	await expectAccessible(facilitator.page);
	await participant.page.goto(facilitator.page.url());
	const item = participant.page.getByRole('listitem').filter({ has: participant.page.getByRole('button', { name: /^Place a dot on / }) }).first();
	const label = (await item.locator('.label').textContent())!.trim();
	await item.getByRole('button', { name: `Place a dot on ${label}` }).click();
	await expect(participant.page.getByText('You have 1 dot left of 2.')).toBeVisible();
	await expect(facilitator.page.getByText('1 person has voted.')).toBeVisible();
	await expectAccessible(participant.page);

	await facilitator.page.getByRole('button', { name: 'Close the vote' }).click();
	await expect(participant.page.getByText('Closed: final results')).toBeVisible();
	await facilitator.context.close();
	await participant.context.close();
});

test('an answer sent from a participant’s phone shows on the projector without a reload', async ({ browser }) => {
	const facilitator = await signedIn(browser, ACCOUNTS.partnerNorth);
	await facilitator.page.goto('/app/areas/northbrook/models/rounds/new');
	await facilitator.page.getByLabel('Name of the round').fill('Live round');
	await facilitator.page.getByRole('button', { name: 'Open the round' }).click();
	await expect(facilitator.page.getByRole('heading', { name: 'Results: Live round' })).toBeVisible();
	const link = (await facilitator.page.getByRole('region', { name: 'Link for participants' }).getByRole('link').textContent())!.trim();
	await facilitator.page.getByRole('link', { name: 'Projector view' }).click();
	await expect(facilitator.page.getByText(/^n = 0 responses$/)).toBeVisible();

	const phone = await browser.newContext({ extraHTTPHeaders: { 'x-forwarded-for': '127.0.2.9' } });
	const answer = await phone.newPage();
	await answer.goto(new URL(link).pathname);
	const groups = answer.getByRole('group');
	for (let i = 0; i < (await groups.count()); i++) await groups.nth(i).getByLabel('Agree', { exact: true }).check();
	await answer.getByRole('button', { name: 'Send my answers' }).click();
	await expect(answer.getByText('Thank you: your answers are in')).toBeVisible();
	await expect(facilitator.page.getByText(/^n = 1 response$/)).toBeVisible();
	await phone.close();
	await facilitator.context.close();
});

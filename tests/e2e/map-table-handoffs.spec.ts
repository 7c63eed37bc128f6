// The Table view's handoffs as a spreadsheet: a cell edited in place from the keyboard (ends and choices as selects, a
// bad value refused by the handoff form's own rules), a stale edit refused with both values shown (two browsers), and
// five handoffs pasted, with bad rows that save nothing until fixed. Every change is taken back with Undo before the
// test ends, so later specs see the seeded map.
import { expect, test, type Browser, type Page } from '@playwright/test';
import { ACCOUNTS, expectAccessible, signIn } from './fixtures';

// Sorted by label, so that a changed stage does not move the row being edited.
const TABLE = '/app/areas/northbrook/map/table?hsort=label';

async function signedIn(browser: Browser, account: string) {
	const context = await browser.newContext({ locale: 'en-GB', viewport: { width: 1280, height: 720 } });
	const page = await context.newPage();
	await signIn(page, account);
	return { context, page };
}

const grid = (page: Page) => page.getByRole('grid', { name: /Handoffs/ });
const rowOf = (page: Page, label: string) => grid(page).getByRole('row', { name: new RegExp(`^${label} `) });
const undoButton = (page: Page) => page.getByRole('button', { name: /^(Undo: |Nothing to undo)/ });
const historyStatus = (page: Page) => page.getByRole('group', { name: 'Undo and redo your edits' }).getByRole('status');

async function undo(page: Page, label: string) {
	await expect(undoButton(page)).toHaveText(`Undo: ${label}`);
	await undoButton(page).click();
	await expect(historyStatus(page)).toHaveText(`Undone: ${label}.`);
}

/** Focuses the cell `steps` to the right of the row's header with the arrow keys. */
async function toCell(page: Page, label: string, steps: number) {
	await rowOf(page, label).getByRole('rowheader').focus();
	for (let i = 0; i < steps; i++) await page.keyboard.press('ArrowRight');
}

test('edit handoff cells from the keyboard, and a stale edit shows both values', async ({ browser }) => {
	test.setTimeout(120_000);
	const editor = await signedIn(browser, ACCOUNTS.partnerNorth);
	const other = await signedIn(browser, ACCOUNTS.consultant);
	const { page } = editor;
	await page.goto(TABLE, { waitUntil: 'networkidle' });
	const row = rowOf(page, 'Risk review');
	await expect(row.getByRole('gridcell')).toHaveText(['Response officer', 'Duty inspector', 'During', 'Information', 'Patchy', 'Children and adults', '', /Inspection found children graded low risk/]);

	// Keyboard only: Enter edits the label, Escape leaves it as it was.
	await toCell(page, 'Risk review', 0);
	await page.keyboard.press('Enter');
	const label = page.getByRole('textbox', { name: 'Handoff of Risk review' });
	await expect(label).toBeFocused();
	await label.fill('Not kept');
	await page.keyboard.press('Escape');
	await expect(row.getByRole('rowheader')).toBeFocused();
	await expect(row.getByRole('rowheader')).toHaveText('Risk review');

	// An empty label is refused by the handoff form's own schema, next to the cell, and nothing changes.
	await page.keyboard.press('F2');
	await label.fill('');
	await page.keyboard.press('Enter');
	await expect(grid(page).locator('.error')).toContainText(/called/);
	await expect(label).toBeFocused();
	await page.keyboard.press('Escape');

	// The receiver is chosen from the map's actors; the same actor at both ends is refused as the form refuses it.
	await page.keyboard.press('ArrowRight');
	await page.keyboard.press('ArrowRight');
	await page.keyboard.press('Enter');
	const to = page.getByRole('combobox', { name: 'To of Risk review' });
	await expect(to).toBeFocused();
	await to.selectOption({ label: 'Response officer' });
	await page.keyboard.press('Enter');
	await expect(grid(page).locator('.error')).toHaveText('A handoff goes to a different actor: choose another receiver.');
	await page.keyboard.press('Escape');
	await expect(row.getByRole('gridcell').nth(1)).toHaveText('Duty inspector');

	// The rating: Enter, choose, Enter saves; the cell keeps the focus and shows the new rating.
	await page.keyboard.press('ArrowRight');
	await page.keyboard.press('ArrowRight');
	await page.keyboard.press('ArrowRight');
	await page.keyboard.press('Enter');
	const rating = page.getByRole('combobox', { name: 'Rating of Risk review' });
	await expect(rating).toBeFocused();
	await expectAccessible(page);
	await rating.selectOption({ label: 'Broken' });
	await page.keyboard.press('Enter');
	await expect(page.getByRole('status').filter({ hasText: 'Risk review saved.' }).first()).toBeAttached();
	await expect(row.getByRole('gridcell').nth(4)).toHaveText('Broken');
	await expect(row.getByRole('gridcell').nth(4)).toBeFocused();

	// This person starts changing the stage; someone else, in their own browser, saves another stage meanwhile. The live
	// re-load leaves the open cell alone; the save is refused and both values are shown.
	await page.keyboard.press('ArrowLeft');
	await page.keyboard.press('ArrowLeft');
	await page.keyboard.press('Enter');
	const stage = page.getByRole('combobox', { name: 'Stage of Risk review' });
	await stage.selectOption({ label: 'After' });
	await other.page.goto(TABLE, { waitUntil: 'networkidle' });
	await toCell(other.page, 'Risk review', 3);
	await other.page.keyboard.press('Enter');
	await other.page.getByRole('combobox', { name: 'Stage of Risk review' }).selectOption({ label: 'Return' });
	const reloaded = page.waitForResponse((r) => r.url().includes('/map/table/__data.json'));
	await other.page.keyboard.press('Enter');
	await expect(rowOf(other.page, 'Risk review').getByRole('gridcell').nth(2)).toHaveText('Return');
	await reloaded;
	await expect(stage).toHaveValue('after');
	await expect(stage).toBeFocused();
	await page.keyboard.press('Enter');
	await expect(grid(page).getByText('Not saved: someone else changed this handoff while you were editing.')).toBeVisible();
	await expect(grid(page).getByText('Saved meanwhile by someone else:')).toBeVisible();
	await expect(grid(page).locator('q.value')).toHaveText('Return');
	await expect(stage).toHaveValue('after');
	await expectAccessible(page);
	await page.getByRole('button', { name: 'Keep mine: Stage of Risk review' }).click();
	await expect(row.getByRole('gridcell').nth(2)).toHaveText('After');
	await expect(rowOf(other.page, 'Risk review').getByRole('gridcell').nth(2)).toHaveText('After');

	// Clean up with Undo, newest first: this person's stage, the other's stage, then this person's rating.
	await undo(page, 'edit handoff ‘Risk review’');
	await other.page.reload({ waitUntil: 'networkidle' });
	await undo(other.page, 'edit handoff ‘Risk review’');
	await page.reload({ waitUntil: 'networkidle' });
	await undo(page, 'edit handoff ‘Risk review’');
	await expect(row.getByRole('gridcell')).toHaveText(['Response officer', 'Duty inspector', 'During', 'Information', 'Patchy', 'Children and adults', '', /Inspection found children graded low risk/]);

	await editor.context.close();
	await other.context.close();
});

test('paste five handoffs; bad rows save nothing until fixed', async ({ browser }) => {
	const editor = await signedIn(browser, ACCOUNTS.partnerNorth);
	const viewer = await signedIn(browser, ACCOUNTS.viewerNorth);
	const { page } = editor;
	await page.goto(TABLE, { waitUntil: 'networkidle' });
	await viewer.page.goto(TABLE, { waitUntil: 'networkidle' });
	await expect(viewer.page.getByText('Paste handoffs from a spreadsheet')).toHaveCount(0);

	// A handoff added at the bottom: a missing label and the same actor at both ends are named beside their fields.
	const addRow = page.getByRole('form', { name: 'Add a handoff' });
	await addRow.getByRole('combobox', { name: 'From' }).selectOption({ label: 'CID' });
	await addRow.getByRole('combobox', { name: 'To' }).selectOption({ label: 'CID' });
	await addRow.getByRole('combobox', { name: 'Stage' }).selectOption({ label: 'After' });
	await addRow.getByRole('combobox', { name: 'Rating' }).selectOption({ label: 'Working' });
	await addRow.getByRole('button', { name: 'Add handoff' }).click();
	await expect(addRow.getByRole('textbox', { name: 'Handoff' })).toHaveAccessibleDescription(/called/);
	await addRow.getByRole('textbox', { name: 'Handoff' }).fill('Table test handover 0');
	await addRow.getByRole('button', { name: 'Add handoff' }).click();
	await expect(addRow.getByRole('combobox', { name: 'To' })).toHaveAccessibleDescription('A handoff goes to a different actor: choose another receiver.');
	await addRow.getByRole('combobox', { name: 'To' }).selectOption({ label: 'Duty inspector' });
	await addRow.getByRole('button', { name: 'Add handoff' }).click();
	await expect(page.getByText('Success: Table test handover 0 added to the map.')).toBeVisible();
	await expect(rowOf(page, 'Table test handover 0').getByRole('gridcell').first()).toHaveText('CID');
	await expect(viewer.page.getByRole('rowheader', { name: 'Table test handover 0' })).toBeVisible();

	const bad = [
		'From\tTo\tLabel\tStage\tRating\tPasses\tApplies to\tGap',
		'Response officer\tDuty inspector\tTable test handover 1\tDuring\tPatchy',
		'Duty inspector\tNobody here\tTable test handover 2\tDuring\tWorking',
		'Response officer\tDuty inspector\tRisk review\tDuring\tWorking',
		'CID\tDuty inspector\tTable test handover 4\tSomewhen\tBroken',
		'cid\tresponse officer\tTable test handover 5\tAfter\tAbsent\tReferral\tAdults\tGap'
	].join('\n');
	// Pasted into the handoffs grid: the rows go to its paste box and are previewed.
	await grid(page).getByRole('rowheader').first().click();
	await page.evaluate((text) => {
		const data = new DataTransfer();
		data.setData('text/plain', text);
		document.activeElement!.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
	}, bad);
	const preview = page.getByRole('table', { name: 'Preview of the pasted handoffs' });
	await expect(preview.getByRole('row')).toHaveCount(6);
	await expect(page.getByText('3 of 5 rows need fixing: nothing is saved until every row is right.')).toBeVisible();
	await expect(preview.getByRole('row', { name: /^2 Duty inspector/ })).toContainText('No actor called "Nobody here" on this map.');
	await expect(preview.getByRole('row', { name: /^3 Response officer/ })).toContainText('Response officer and Duty inspector already have a handoff called "Risk review".');
	await expect(preview.getByRole('row', { name: /^4 CID/ })).toContainText('Choose a journey stage.');
	await expect(page.getByRole('button', { name: /^Add these/ })).toHaveCount(0);
	await expectAccessible(page);
	await expect(grid(page).getByRole('row', { name: /Table test handover [1-5]/ })).toHaveCount(0);

	// Fixed in the box (keyboard only), previewed again, then added: five handoffs in one edit, seen by the viewer.
	const box = page.getByLabel('Handoffs copied from a spreadsheet');
	await box.fill(bad.replace('Nobody here', 'Response officer').replace('\tRisk review\t', '\tTable test handover 3\t').replace('Somewhen', 'Repeat'));
	await box.press('Tab');
	await page.keyboard.press('Enter');
	await expect(page.getByText('5 rows ready to add. Nothing is saved until you add them.')).toBeVisible();
	await page.getByRole('button', { name: 'Add these 5 handoffs' }).focus();
	await page.keyboard.press('Enter');
	await expect(page.getByText('Success: 5 handoffs added from the paste.')).toBeVisible();
	await expect(grid(page).getByRole('row', { name: /Table test handover [1-5]/ })).toHaveCount(5);
	await expect(viewer.page.getByRole('rowheader', { name: /Table test handover [1-5]/ })).toHaveCount(5, { timeout: 1000 });
	await expect(rowOf(page, 'Table test handover 5').getByRole('gridcell')).toHaveText(['CID', 'Response officer', 'After', 'Referral', 'Absent', 'Adults', 'Gap', '']);

	await page.locator('#handoffs-heading').scrollIntoViewIfNeeded();
	await page.screenshot({ path: 'test-results/grid2/table-handoffs.png' });

	// One Undo takes the whole paste back; another the added row.
	await undo(page, 'add 5 handoffs');
	await expect(viewer.page.getByRole('rowheader', { name: /Table test handover [1-5]/ })).toHaveCount(0, { timeout: 1000 });
	await undo(page, 'add handoff ‘Table test handover 0’');
	await expect(viewer.page.getByRole('rowheader', { name: /Table test handover/ })).toHaveCount(0, { timeout: 1000 });

	await editor.context.close();
	await viewer.context.close();
});

// The Table view as a spreadsheet: a cell edited in place from the keyboard (and a stale edit refused with both values
// beside each other), a row added at the bottom, five rows pasted (and a paste with a bad row that saves nothing until
// fixed); then the same for the handoffs, with a handoff added at the bottom. Records made here are named "Table test ..."
// and every change is taken back with Undo before the test ends, so later specs see the seeded map.
import { expect, type Browser, type Page } from '@playwright/test';
import { ACCOUNTS, expectAccessible, signIn, test } from './fixtures';

const TABLE = '/app/areas/northbrook/map/table';

async function signedIn(browser: Browser, account: string) {
	const context = await browser.newContext({ locale: 'en-GB', viewport: { width: 1280, height: 720 } });
	const page = await context.newPage();
	await signIn(page, account);
	return { context, page };
}

const grid = (page: Page) => page.getByRole('grid', { name: /Actors/ });
const rowOf = (page: Page, name: string) => grid(page).getByRole('row', { name: new RegExp(`^${name} `) });
const undoButton = (page: Page) => page.getByRole('button', { name: /^(Undo: |Nothing to undo)/ });
const historyStatus = (page: Page) => page.getByRole('group', { name: 'Undo and redo your edits' }).getByRole('status');

async function undo(page: Page, label: string) {
	await expect(undoButton(page)).toHaveText(`Undo: ${label}`);
	await undoButton(page).click();
	await expect(historyStatus(page)).toHaveText(`Undone: ${label}.`);
}

test('edit a cell from the keyboard, add a row, and a stale edit shows both values', async ({ browser }) => {
	// Two browsers and a dozen saves: longer than the default minute on a busy machine.
	test.setTimeout(120_000);
	const editor = await signedIn(browser, ACCOUNTS.partnerNorth);
	const other = await signedIn(browser, ACCOUNTS.consultant);
	const { page } = editor;
	await page.goto(TABLE, { waitUntil: 'networkidle' });

	// Add a row at the bottom; a missing sector is named beside its field and nothing is added.
	const addRow = page.getByRole('form', { name: 'Add a row' });
	await addRow.getByRole('textbox', { name: 'Name' }).fill('Table test outreach');
	await addRow.getByRole('button', { name: 'Add row' }).click();
	await expect(addRow.getByRole('combobox', { name: 'Sector' })).toHaveAccessibleDescription('Error: Choose a sector.');
	await addRow.getByRole('combobox', { name: 'Sector' }).selectOption({ label: 'Voluntary' });
	await addRow.getByRole('button', { name: 'Add row' }).click();
	await expect(page.getByText('Success: Table test outreach added to the map.')).toBeVisible();
	await expect(rowOf(page, 'Table test outreach')).toBeVisible();

	// Keyboard only: into the grid, along the row with the arrows, Enter to edit, type, Enter to save.
	const nameCell = rowOf(page, 'Table test outreach').getByRole('rowheader');
	await nameCell.focus();
	await expect(nameCell).toBeFocused();
	await page.keyboard.press('ArrowRight');
	await expect(rowOf(page, 'Table test outreach').getByRole('gridcell').first()).toBeFocused();
	await page.keyboard.press('ArrowLeft');
	await page.keyboard.press('Enter');
	const editor1 = page.getByRole('textbox', { name: 'Actor of Table test outreach' });
	await expect(editor1).toBeFocused();
	await expectAccessible(page);
	// Escape cancels.
	await editor1.fill('Not kept');
	await page.keyboard.press('Escape');
	await expect(nameCell).toBeFocused();
	await expect(nameCell).toHaveText('Table test outreach');
	// A bad value is refused by the form's own schema, next to the cell.
	await page.keyboard.press('Enter');
	await editor1.fill('');
	await page.keyboard.press('Enter');
	await expect(grid(page).locator('.error')).toContainText(/name/i);
	await expect(editor1).toBeFocused();
	await editor1.fill('Table test outreach team');
	// Tab saves and moves right.
	await page.keyboard.press('Tab');
	await expect(page.getByRole('status').filter({ hasText: 'Table test outreach team saved.' }).first()).toBeAttached();
	const renamed = rowOf(page, 'Table test outreach team');
	await expect(renamed.getByRole('gridcell').first()).toBeFocused();
	await expect(renamed.getByRole('gridcell').first()).toHaveText('Voluntary');
	// Enter on a choice, choose with the keyboard, Enter saves.
	await page.keyboard.press('ArrowRight');
	await page.keyboard.press('Enter');
	const kind = page.getByRole('combobox', { name: 'Kind of Table test outreach team' });
	await expect(kind).toBeFocused();
	await kind.selectOption({ label: 'Team' });
	await page.keyboard.press('Enter');
	await expect(renamed.getByRole('gridcell').nth(1)).toHaveText('Team');
	await expect(renamed.getByRole('gridcell').nth(1)).toBeFocused();

	// Someone else changes the description while this person edits it: the live re-load leaves the cell alone, the save is
	// refused, and both values are shown.
	await page.keyboard.press('ArrowRight');
	await page.keyboard.press('ArrowRight');
	await page.keyboard.press('Enter');
	const description = page.getByRole('textbox', { name: 'Description of Table test outreach team' });
	await description.fill('Evenings and weekends');
	const actorId = await renamed.getByRole('rowheader').getByRole('link').getAttribute('href');
	await other.page.goto(`/app/areas/northbrook/map${actorId!.slice(actorId!.indexOf('?'))}`, { waitUntil: 'networkidle' });
	await other.page.getByText('Edit Table test outreach team').click();
	const edit = other.page.locator('form[action="?/editActor"]');
	await edit.getByLabel('Description').fill('Weekdays only');
	const reloaded = page.waitForResponse((r) => r.url().includes('/map/table/__data.json'));
	await edit.getByRole('button', { name: 'Save actor' }).click();
	await expect(other.page.getByText('Table test outreach team saved.')).toBeVisible();
	await reloaded;
	await expect(description).toHaveValue('Evenings and weekends');
	await expect(description).toBeFocused();
	await page.keyboard.press('Enter');
	await expect(grid(page).getByText('Not saved: someone else changed this actor while you were editing.')).toBeVisible();
	await expect(page.getByText('Saved meanwhile by someone else:')).toBeVisible();
	await expect(page.locator('.grid q.value')).toHaveText('Weekdays only');
	await expect(description).toHaveValue('Evenings and weekends');
	await expectAccessible(page);
	await page.getByRole('button', { name: 'Keep mine: Description of Table test outreach team' }).click();
	await expect(renamed.getByRole('gridcell').nth(3)).toHaveText('Evenings and weekends');

	// Clean up with Undo: this person's own edits, newest first.
	// (the description, then theirs, then the kind and the name; an undo over their change would be refused).
	await undo(page, 'edit actor ‘Table test outreach team’');
	await other.page.reload({ waitUntil: 'networkidle' });
	await undo(other.page, 'edit actor ‘Table test outreach team’');
	await page.reload({ waitUntil: 'networkidle' });
	while ((await undoButton(page).textContent())?.includes('edit actor ‘Table test outreach team’')) await undo(page, 'edit actor ‘Table test outreach team’');
	await undo(page, 'add actor ‘Table test outreach’');
	await expect(grid(page).getByRole('row', { name: /Table test outreach/ })).toHaveCount(0);

	await editor.context.close();
	await other.context.close();
});

test('paste five rows from a spreadsheet; a paste with a bad row saves nothing until fixed', async ({ browser }) => {
	const editor = await signedIn(browser, ACCOUNTS.partnerNorth);
	const viewer = await signedIn(browser, ACCOUNTS.viewerNorth);
	const { page } = editor;
	await page.goto(TABLE, { waitUntil: 'networkidle' });
	await viewer.page.goto(TABLE, { waitUntil: 'networkidle' });
	await expect(viewer.page.getByText('Paste rows from a spreadsheet')).toHaveCount(0);

	const bad = [
		'Name\tSector\tKind\tServes\tDescription',
		'Table test hub 1\tVoluntary\tTeam\tChildren\tDrop-in',
		'Table test hub 2\tHospital\t\t\t',
		'Table test hub 3\tPolice\t\t\t',
		'Duty inspector\tPolice\t\t\t',
		'Table test hub 5\tEducation\tRole\tBoth\t'
	].join('\n');
	// Pasted into the grid: the rows go to the paste box and are previewed.
	await grid(page).getByRole('rowheader').first().click();
	await page.evaluate((text) => {
		const data = new DataTransfer();
		data.setData('text/plain', text);
		document.activeElement!.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
	}, bad);
	const preview = page.getByRole('table', { name: 'Preview of the pasted rows' });
	await expect(preview.getByRole('row')).toHaveCount(6);
	await expect(page.getByText('2 of 5 rows need fixing: nothing is saved until every row is right.')).toBeVisible();
	await expect(preview.getByRole('row', { name: /^2 Table test hub 2/ })).toContainText('Choose a sector.');
	await expect(preview.getByRole('row', { name: /^4 Duty inspector/ })).toContainText('"Duty inspector" is already on the map.');
	await expect(page.getByRole('button', { name: /^Add these/ })).toHaveCount(0);
	await expectAccessible(page);
	await expect(grid(page).getByRole('row', { name: /Table test hub/ })).toHaveCount(0);

	// Fixed in the box (keyboard only), previewed again, then added: five rows in one edit, seen by the viewer.
	const box = page.getByLabel('Rows copied from a spreadsheet');
	await box.fill(bad.replace('Hospital', 'Health').replace('Duty inspector', 'Table test hub 4'));
	await box.press('Tab');
	await page.keyboard.press('Enter');
	await expect(page.getByText('5 rows ready to add. Nothing is saved until you add them.')).toBeVisible();
	await page.getByRole('button', { name: 'Add these 5 actors' }).focus();
	await page.keyboard.press('Enter');
	await expect(page.getByText('Success: 5 actors added from the paste.')).toBeVisible();
	await expect(grid(page).getByRole('row', { name: /Table test hub/ })).toHaveCount(5);
	await expect(viewer.page.getByRole('rowheader', { name: /Table test hub/ })).toHaveCount(5);
	await expect(rowOf(page, 'Table test hub 1')).toContainText('Drop-in');

	await page.locator('#actors-heading').scrollIntoViewIfNeeded();
	await page.screenshot({ path: 'test-results/canvas-table.png' });

	// One Undo takes the whole paste back.
	await undo(page, 'add 5 actors');
	await expect(viewer.page.getByRole('rowheader', { name: /Table test hub/ })).toHaveCount(0);

	await editor.context.close();
	await viewer.context.close();
});

// The handoffs, the same way: sorted by label, so that a changed stage does not move the row being edited.
const HANDOFFS = `${TABLE}?hsort=label`;
const handoffGrid = (page: Page) => page.getByRole('grid', { name: /Handoffs/ });
const handoffRow = (page: Page, label: string) => handoffGrid(page).getByRole('row', { name: new RegExp(`^${label} `) });

/** Focuses the cell `steps` to the right of the row's header with the arrow keys. */
async function handoffCell(page: Page, label: string, steps: number) {
	await handoffRow(page, label).getByRole('rowheader').focus();
	for (let i = 0; i < steps; i++) await page.keyboard.press('ArrowRight');
}

test('edit handoff cells from the keyboard, and a stale edit shows both values', async ({ browser }) => {
	test.setTimeout(120_000);
	const editor = await signedIn(browser, ACCOUNTS.partnerNorth);
	const other = await signedIn(browser, ACCOUNTS.consultant);
	const { page } = editor;
	await page.goto(HANDOFFS, { waitUntil: 'networkidle' });
	const row = handoffRow(page, 'Risk review');
	await expect(row.getByRole('gridcell')).toHaveText(['Response officer', 'Duty inspector', 'During', 'Information', 'Patchy', 'Children and adults', '', /Inspection found children graded low risk/]);

	// Keyboard only: Enter edits the label, Escape leaves it as it was.
	await handoffCell(page, 'Risk review', 0);
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
	await expect(handoffGrid(page).locator('.error')).toContainText(/called/);
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
	await expect(handoffGrid(page).locator('.error')).toHaveText('A handoff goes to a different actor: choose another receiver.');
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
	await other.page.goto(HANDOFFS, { waitUntil: 'networkidle' });
	await handoffCell(other.page, 'Risk review', 3);
	await other.page.keyboard.press('Enter');
	await other.page.getByRole('combobox', { name: 'Stage of Risk review' }).selectOption({ label: 'Return' });
	const reloaded = page.waitForResponse((r) => r.url().includes('/map/table/__data.json'));
	await other.page.keyboard.press('Enter');
	await expect(handoffRow(other.page, 'Risk review').getByRole('gridcell').nth(2)).toHaveText('Return');
	await reloaded;
	await expect(stage).toHaveValue('after');
	await expect(stage).toBeFocused();
	await page.keyboard.press('Enter');
	await expect(handoffGrid(page).getByText('Not saved: someone else changed this handoff while you were editing.')).toBeVisible();
	await expect(handoffGrid(page).getByText('Saved meanwhile by someone else:')).toBeVisible();
	await expect(handoffGrid(page).locator('q.value')).toHaveText('Return');
	await expect(stage).toHaveValue('after');
	await page.screenshot({ path: 'test-results/table-handoff-conflict.png' });
	await expectAccessible(page);
	await page.getByRole('button', { name: 'Keep mine: Stage of Risk review' }).click();
	await expect(row.getByRole('gridcell').nth(2)).toHaveText('After');
	await expect(handoffRow(other.page, 'Risk review').getByRole('gridcell').nth(2)).toHaveText('After');

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
	test.setTimeout(120_000);
	const editor = await signedIn(browser, ACCOUNTS.partnerNorth);
	const viewer = await signedIn(browser, ACCOUNTS.viewerNorth);
	const other = await signedIn(browser, ACCOUNTS.consultant);
	const { page } = editor;
	await page.goto(HANDOFFS, { waitUntil: 'networkidle' });
	await viewer.page.goto(HANDOFFS, { waitUntil: 'networkidle' });
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
	await expect(addRow.getByRole('combobox', { name: 'To' })).toHaveAccessibleDescription('Error: A handoff goes to a different actor: choose another receiver.');
	await addRow.getByRole('combobox', { name: 'To' }).selectOption({ label: 'Duty inspector' });
	// Someone else adds an actor meanwhile: the live re-load brings it, and leaves the receiver just chosen alone.
	await other.page.goto(TABLE, { waitUntil: 'networkidle' });
	const otherRow = other.page.getByRole('form', { name: 'Add a row' });
	await otherRow.getByRole('textbox', { name: 'Name' }).fill('Table test late arrival');
	await otherRow.getByRole('combobox', { name: 'Sector' }).selectOption({ label: 'Voluntary' });
	await otherRow.getByRole('button', { name: 'Add row' }).click();
	await expect(addRow.getByRole('combobox', { name: 'From' }).getByRole('option', { name: 'Table test late arrival' })).toBeAttached();
	await expect(addRow.getByRole('combobox', { name: 'To' }).locator('option:checked')).toHaveText('Duty inspector');
	await expect(addRow.getByRole('textbox', { name: 'Handoff' })).toHaveValue('Table test handover 0');
	await addRow.getByRole('button', { name: 'Add handoff' }).click();
	await expect(page.getByText('Success: Table test handover 0 added to the map.')).toBeVisible();
	await expect(handoffRow(page, 'Table test handover 0').getByRole('gridcell').first()).toHaveText('CID');
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
	await handoffGrid(page).getByRole('rowheader').first().click();
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
	await expect(handoffGrid(page).getByRole('row', { name: /Table test handover [1-5]/ })).toHaveCount(0);

	// Fixed in the box (keyboard only), previewed again, then added: five handoffs in one edit, seen by the viewer.
	const box = page.getByLabel('Handoffs copied from a spreadsheet');
	await box.fill(bad.replace('Nobody here', 'Response officer').replace('\tRisk review\t', '\tTable test handover 3\t').replace('Somewhen', 'Repeat'));
	await box.press('Tab');
	await page.keyboard.press('Enter');
	await expect(page.getByText('5 rows ready to add. Nothing is saved until you add them.')).toBeVisible();
	await page.getByRole('button', { name: 'Add these 5 handoffs' }).focus();
	await page.keyboard.press('Enter');
	await expect(page.getByText('Success: 5 handoffs added from the paste.')).toBeVisible();
	await expect(handoffGrid(page).getByRole('row', { name: /Table test handover [1-5]/ })).toHaveCount(5);
	await expect(viewer.page.getByRole('rowheader', { name: /Table test handover [1-5]/ })).toHaveCount(5);
	await expect(handoffRow(page, 'Table test handover 5').getByRole('gridcell')).toHaveText(['CID', 'Response officer', 'After', 'Referral', 'Absent', 'Adults', 'Gap', '']);

	await page.locator('#handoffs-heading').scrollIntoViewIfNeeded();
	await page.screenshot({ path: 'test-results/table-handoffs.png' });

	// One Undo takes the whole paste back; another the added row.
	await undo(page, 'add 5 handoffs');
	await expect(viewer.page.getByRole('rowheader', { name: /Table test handover [1-5]/ })).toHaveCount(0);
	await undo(page, 'add handoff ‘Table test handover 0’');
	await expect(viewer.page.getByRole('rowheader', { name: /Table test handover/ })).toHaveCount(0);

	await undo(other.page, 'add actor ‘Table test late arrival’');

	await editor.context.close();
	await viewer.context.close();
	await other.context.close();
});

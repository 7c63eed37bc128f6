// Undo and redo of a person's own map edits, and restoring a snapshot: with the mouse and with the keyboard alone,
// each seen in another browser without a reload. Records made here are named "History test ..." and are undone again
// before the test ends, so the seeded Northbrook map other specs rely on is left as it was.
import { expect, type Browser, type Page } from '@playwright/test';
import { ACCOUNTS, expectAccessible, signIn, test } from './fixtures';

const MAP = '/app/areas/northbrook/map';

async function signedIn(browser: Browser, account: string) {
	const context = await browser.newContext({ locale: 'en-GB', viewport: { width: 1280, height: 720 } });
	const page = await context.newPage();
	await signIn(page, account);
	return { context, page };
}

const undoButton = (page: Page) => page.getByRole('button', { name: /^(Undo: |Nothing to undo)/ });
const redoButton = (page: Page) => page.getByRole('button', { name: /^(Redo: |Nothing to redo)/ });
const history = (page: Page) => page.getByRole('group', { name: 'Undo and redo your edits' });

async function addActor(page: Page, name: string) {
	const form = page.locator('form[action="?/addActor"]').last();
	await form.getByLabel('Name').fill(name);
	await form.getByLabel('Sector').selectOption({ label: 'Voluntary' });
	await form.getByRole('button', { name: 'Add actor' }).click();
	await expect(page.getByText(`Success: ${name} added to the map.`)).toBeVisible();
}

test('undo and redo three edits: buttons say what they do, others see it without a reload, Ctrl+Z and Ctrl+Shift+Z work from the keyboard', async ({ browser }) => {
	const editor = await signedIn(browser, ACCOUNTS.partnerNorth);
	const viewer = await signedIn(browser, ACCOUNTS.viewerNorth);
	const { page } = editor;
	await page.goto(MAP, { waitUntil: 'networkidle' });
	await viewer.page.goto(`${MAP}/table`, { waitUntil: 'networkidle' });
	// A viewer cannot edit, so has nothing to undo.
	await expect(history(viewer.page)).toHaveCount(0);

	// Three edits: an actor, a handoff from it, and a move.
	await addActor(page, 'History test shelter');
	await expect(undoButton(page)).toHaveText('Undo: add actor ‘History test shelter’');
	const handoffForm = page.locator('form[action="?/addHandoff"]').last();
	await handoffForm.getByLabel('From (who hands over)').selectOption({ label: 'History test shelter' });
	await handoffForm.getByLabel('To (who receives)').selectOption({ label: 'Duty inspector' });
	await handoffForm.getByLabel('What the handoff is called').fill('History test referral');
	await handoffForm.getByLabel('Journey stage').selectOption({ label: 'Before' });
	await handoffForm.getByLabel('How well it works').selectOption({ label: 'Patchy' });
	await handoffForm.getByRole('button', { name: 'Add handoff' }).click();
	await expect(undoButton(page)).toHaveText('Undo: add handoff ‘History test referral’');
	await page.getByRole('link', { name: /^History test shelter, / }).focus();
	await page.keyboard.press('ArrowRight');
	await expect(undoButton(page)).toHaveText('Undo: move ‘History test shelter’');
	await expect(redoButton(page)).toHaveText('Nothing to redo');
	await expect(viewer.page.getByRole('rowheader', { name: 'History test referral' })).toBeVisible();
	await expectAccessible(page);

	// With the mouse: the move, then the handoff (gone from the other browser without a reload), then the actor.
	await undoButton(page).click();
	await expect(history(page).getByRole('status')).toHaveText('Undone: move ‘History test shelter’.');
	await expect(undoButton(page)).toHaveText('Undo: add handoff ‘History test referral’');
	await expect(redoButton(page)).toHaveText('Redo: move ‘History test shelter’');
	await undoButton(page).click();
	await expect(history(page).getByRole('status')).toHaveText('Undone: add handoff ‘History test referral’.');
	await expect(viewer.page.getByRole('rowheader', { name: 'History test referral' })).toHaveCount(0);
	await undoButton(page).click();
	await expect(history(page).getByRole('status')).toHaveText('Undone: add actor ‘History test shelter’.');
	await expect(viewer.page.getByRole('rowheader', { name: /History test shelter/ })).toHaveCount(0);
	await expect(page.getByRole('link', { name: /^History test shelter, / })).toHaveCount(0);
	await expect(redoButton(page)).toHaveText('Redo: add actor ‘History test shelter’');

	// Across a page load, from the keyboard alone: Ctrl+Shift+Z, Ctrl+Y and Ctrl+Shift+Z put all three back.
	await page.reload({ waitUntil: 'networkidle' });
	await expect(redoButton(page)).toHaveText('Redo: add actor ‘History test shelter’');
	await page.keyboard.press('Control+Shift+Z');
	await expect(history(page).getByRole('status')).toHaveText('Redone: add actor ‘History test shelter’.');
	await expect(viewer.page.getByRole('rowheader', { name: /History test shelter/ })).toBeVisible();
	await page.keyboard.press('Control+Y');
	await expect(history(page).getByRole('status')).toHaveText('Redone: add handoff ‘History test referral’.');
	await expect(viewer.page.getByRole('rowheader', { name: 'History test referral' })).toBeVisible();
	await page.keyboard.press('Control+Shift+Z');
	await expect(history(page).getByRole('status')).toHaveText('Redone: move ‘History test shelter’.');
	await expect(redoButton(page)).toHaveText('Nothing to redo');

	// In a text field Ctrl+Z is the field's own: nothing on the map is undone.
	const name = page.locator('form[action="?/addActor"]').last().getByLabel('Name');
	await name.fill('typed');
	await name.press('Control+Z');
	await expect(undoButton(page)).toHaveText('Undo: move ‘History test shelter’');
	await name.fill('');

	// Clean up, with Ctrl+Z from the page (focus out of the text field).
	await name.blur();
	for (const label of ['move ‘History test shelter’', 'add handoff ‘History test referral’', 'add actor ‘History test shelter’']) {
		await expect(undoButton(page)).toHaveText(`Undo: ${label}`);
		await page.keyboard.press('Control+Z');
		await expect(history(page).getByRole('status')).toHaveText(`Undone: ${label}.`);
	}
	await expect(viewer.page.getByRole('rowheader', { name: /History test shelter/ })).toHaveCount(0);

	await editor.context.close();
	await viewer.context.close();
});

test('an undo over someone else’s later change is refused and changes nothing', async ({ browser }) => {
	const mine = await signedIn(browser, ACCOUNTS.partnerNorth);
	const theirs = await signedIn(browser, ACCOUNTS.consultant);
	await mine.page.goto(MAP, { waitUntil: 'networkidle' });
	await addActor(mine.page, 'History test hub');
	const actorId = await mine.page.getByRole('link', { name: /^History test hub, / }).getAttribute('data-actor');

	// Someone else renames it.
	await theirs.page.goto(`${MAP}?actor=${actorId}`, { waitUntil: 'networkidle' });
	await theirs.page.getByText('Edit History test hub').click();
	const edit = theirs.page.locator('form[action="?/editActor"]');
	await edit.getByLabel('Name').fill('History test hub (renamed)');
	await edit.getByRole('button', { name: 'Save actor' }).click();
	await expect(theirs.page.getByText('History test hub (renamed) saved.')).toBeVisible();

	await expect(mine.page.getByRole('link', { name: /^History test hub \(renamed\), / })).toBeVisible();
	await undoButton(mine.page).click();
	await expect(history(mine.page).getByRole('status')).toHaveText(
		'Undo refused: the actor ‘History test hub’ was changed by Casey Consultant since. Nothing was undone, so their change stays.'
	);
	await expect(mine.page.getByRole('link', { name: /^History test hub \(renamed\), / })).toBeVisible();
	await expectAccessible(mine.page);

	// Their own undo puts the name back; then mine goes through, which removes the actor again.
	await theirs.page.reload({ waitUntil: 'networkidle' });
	await expect(undoButton(theirs.page)).toHaveText('Undo: edit actor ‘History test hub (renamed)’');
	await undoButton(theirs.page).click();
	await expect(history(theirs.page).getByRole('status')).toHaveText('Undone: edit actor ‘History test hub (renamed)’.');
	await mine.page.reload({ waitUntil: 'networkidle' });
	await undoButton(mine.page).click();
	await expect(history(mine.page).getByRole('status')).toHaveText('Undone: add actor ‘History test hub’.');
	await expect(theirs.page.getByRole('link', { name: /^History test hub/ })).toHaveCount(0);

	await mine.context.close();
	await theirs.context.close();
});

test('restore a snapshot, keyboard only: it says what will change, keeps the map first, and others see it without a reload', async ({ browser }) => {
	const editor = await signedIn(browser, ACCOUNTS.partnerNorth);
	const viewer = await signedIn(browser, ACCOUNTS.viewerNorth);
	const { page } = editor;
	const name = `History test ${Date.now()}`;
	await page.goto(`${MAP}/snapshots`, { waitUntil: 'networkidle' });
	await page.getByLabel('Name').fill(name);
	await page.getByLabel('Name').press('Enter');
	await expect(page.getByText(`Snapshot “${name}” saved.`)).toBeVisible();
	await page.goto(MAP, { waitUntil: 'networkidle' });
	await addActor(page, 'History test newcomer');
	await viewer.page.goto(`${MAP}/table`, { waitUntil: 'networkidle' });
	await expect(viewer.page.getByRole('rowheader', { name: /History test newcomer/ })).toBeVisible();

	await page.goto(`${MAP}/snapshots`, { waitUntil: 'networkidle' });
	await page.getByRole('link', { name: `Restore… (${name})` }).focus();
	await page.keyboard.press('Enter');
	const confirm = page.getByRole('region', { name: `Restore “${name}” as the current map?` });
	await expect(confirm).toContainText('The map as it is now is saved as a snapshot first');
	await expect(confirm.getByRole('listitem')).toHaveText(['Actors: 0 added, 1 removed, 0 changed', 'Handoffs: 0 added, 0 removed, 0 changed']);
	await expectAccessible(page);
	await confirm.getByRole('button', { name: `Restore “${name}”` }).focus();
	await page.keyboard.press('Enter');
	await expect(page.getByText(`The map is now the snapshot “${name}”`)).toBeVisible();
	await expect(page.getByText(/The map as it was is kept as the snapshot “Before restoring History test/)).toBeVisible();
	await expect(viewer.page.getByRole('rowheader', { name: /History test newcomer/ })).toHaveCount(0);
	await expect(page.getByRole('rowheader', { name: /^Before restoring History test/ })).toBeVisible();

	// The restore is the newest edit: Undo offers to take it back.
	await page.goto(MAP, { waitUntil: 'networkidle' });
	await expect(undoButton(page)).toHaveText(`Undo: restore snapshot ‘${name}’`);
	await expect(page.getByRole('link', { name: /^History test newcomer, / })).toHaveCount(0);

	await editor.context.close();
	await viewer.context.close();
});

// The map as a shared canvas: every gesture with the mouse and with the keyboard alone, carried out by the map's own
// form actions, and seen in the table view of another browser without a reload. Records made here are named
// "Canvas test ..." so the seeded Northbrook map other specs rely on is left as it was.
import { expect, type Browser, type Page } from '@playwright/test';
import { ACCOUNTS, expectAccessible, signIn, test } from './fixtures';

const MAP = '/app/areas/northbrook/map';

async function signedIn(browser: Browser, account: string) {
	const context = await browser.newContext({ locale: 'en-GB', viewport: { width: 1280, height: 720 } });
	const page = await context.newPage();
	await signIn(page, account);
	return { context, page };
}

const node = (page: Page, name: string) => page.getByRole('link', { name: new RegExp(`^${name}, `) });

async function centreOf(page: Page, name: string) {
	const box = (await node(page, name).boundingBox())!;
	return { x: box.x + box.width / 2, y: box.y + box.height / 2 };
}

/** A point on the canvas with nothing drawn near it, in page pixels. */
async function emptyPoint(page: Page) {
	await page.locator('svg.canvas').scrollIntoViewIfNeeded();
	const point = await page.locator('svg.canvas').evaluate((svg) => {
		const box = svg.getBoundingClientRect();
		const bottom = Math.min(box.bottom, window.innerHeight);
		for (let y = Math.max(box.top, 0) + 60; y < bottom - 60; y += 20)
			for (let x = box.left + 60; x < box.right - 60; x += 20) {
				const clear = [-30, 0, 30].every((dx) =>
					[-30, 0, 30].every((dy) => document.elementFromPoint(x + dx, y + dy)?.classList.contains('background'))
				);
				if (clear) return { x, y };
			}
		return null;
	});
	expect(point, 'an empty spot on the canvas').not.toBeNull();
	return point!;
}

async function tabTo(page: Page, locator: ReturnType<Page['locator']>, max = 200) {
	for (let i = 0; i < max; i++) {
		await page.keyboard.press('Tab');
		if (await locator.evaluate((el) => el === document.activeElement)) return;
	}
	throw new Error('Never reached by Tab');
}

test('with the mouse: double-click adds an actor, dragging onto another draws a handoff, dragging away pins; another browser sees both without a reload', async ({ browser }) => {
	const editor = await signedIn(browser, ACCOUNTS.partnerNorth);
	const viewer = await signedIn(browser, ACCOUNTS.viewerNorth);
	await editor.page.goto(MAP, { waitUntil: 'networkidle' });
	await viewer.page.goto(`${MAP}/table`, { waitUntil: 'networkidle' });

	const spot = await emptyPoint(editor.page);
	await editor.page.mouse.dblclick(spot.x, spot.y);
	const dialog = editor.page.getByRole('dialog', { name: 'Add an actor here' });
	await expect(dialog.getByLabel('Name')).toBeFocused();
	await expectAccessible(editor.page);
	// Only the name and the sector are asked; a mistake is shown beside its field and nothing is saved.
	await dialog.getByRole('button', { name: 'Add actor' }).click();
	await expect(dialog.locator('#canvas-actor-name-error')).toContainText(/name/i);
	await expect(dialog.locator('#canvas-actor-sector-error')).toContainText('Choose a sector.');
	await dialog.getByLabel('Name').fill('Canvas test youth worker');
	await dialog.getByLabel('Sector').selectOption({ label: 'Voluntary' });
	await dialog.getByRole('button', { name: 'Add actor' }).click();
	await expect(editor.page.getByText('Success: Canvas test youth worker added to the map.')).toBeVisible();
	await expect(dialog).toBeHidden();
	// Drawn where it was double-clicked (pinned there).
	const at = await centreOf(editor.page, 'Canvas test youth worker');
	expect(Math.abs(at.x - spot.x)).toBeLessThan(6);
	expect(Math.abs(at.y - spot.y)).toBeLessThan(6);
	await expect(viewer.page.getByRole('rowheader', { name: /Canvas test youth worker/ })).toBeVisible();

	// Drag from the new actor onto the duty inspector: a compact handoff form between them.
	const to = await centreOf(editor.page, 'Duty inspector');
	await editor.page.mouse.move(at.x, at.y);
	await editor.page.mouse.down();
	await editor.page.mouse.move((at.x + to.x) / 2, (at.y + to.y) / 2, { steps: 5 });
	await editor.page.mouse.move(to.x, to.y, { steps: 5 });
	await editor.page.mouse.up();
	const handoff = editor.page.getByRole('dialog', { name: 'Handoff from Canvas test youth worker to Duty inspector' });
	await expect(handoff.getByLabel('What the handoff is called')).toBeFocused();
	await expectAccessible(editor.page);
	await handoff.getByLabel('What the handoff is called').fill('Canvas test: concern passed on');
	await handoff.getByLabel('Journey stage').selectOption({ label: 'Before' });
	await handoff.getByLabel('How well it works').selectOption({ label: 'Patchy' });
	await handoff.getByRole('button', { name: 'Add handoff' }).click();
	await expect(editor.page.getByText('Success: Handoff "Canvas test: concern passed on" added.')).toBeVisible();
	await expect(viewer.page.getByRole('rowheader', { name: 'Canvas test: concern passed on' })).toBeVisible();
	// The defaults it did not ask for: information passes, for children and adults.
	const row = viewer.page.getByRole('row', { name: /Canvas test: concern passed on/ });
	await expect(row).toContainText('Information');
	await expect(node(editor.page, 'Canvas test youth worker')).toHaveAccessibleName(/1 handoff/);

	// Drag it to empty space: it moves there and is pinned.
	const from = await centreOf(editor.page, 'Canvas test youth worker');
	const free = await emptyPoint(editor.page);
	await editor.page.mouse.move(from.x, from.y);
	await editor.page.mouse.down();
	await editor.page.mouse.move(free.x, free.y, { steps: 8 });
	await editor.page.mouse.up();
	await expect(editor.page.getByRole('status').filter({ hasText: 'Canvas test youth worker moved and pinned.' })).toBeAttached();
	await expect
		.poll(async () => {
			const now = await centreOf(editor.page, 'Canvas test youth worker');
			return Math.hypot(now.x - free.x, now.y - free.y);
		})
		.toBeLessThan(8);
	// Kept after a reload (measured from the canvas's corner: the success notice above it is gone then).
	const canvasBox = async () => (await editor.page.locator('svg.canvas').boundingBox())!;
	const before = await canvasBox();
	await editor.page.reload({ waitUntil: 'networkidle' });
	const after = await canvasBox();
	const kept = await centreOf(editor.page, 'Canvas test youth worker');
	expect(Math.hypot(kept.x - after.x - (free.x - before.x), kept.y - after.y - (free.y - before.y))).toBeLessThan(8);

	await editor.context.close();
	await viewer.context.close();
});

test('with the keyboard alone: A adds an actor, Space and H draw a handoff, Delete removes an actor', async ({ browser }) => {
	const editor = await signedIn(browser, ACCOUNTS.partnerNorth);
	const viewer = await signedIn(browser, ACCOUNTS.viewerNorth);
	const page = editor.page;
	await page.goto(MAP, { waitUntil: 'networkidle' });
	await viewer.page.goto(`${MAP}/table`, { waitUntil: 'networkidle' });

	const canvas = page.getByRole('group', { name: /^Network of/ });
	await tabTo(page, canvas);
	await page.keyboard.press('a');
	const dialog = page.getByRole('dialog', { name: 'Add an actor here' });
	await expect(dialog.getByLabel('Name')).toBeFocused();
	await page.keyboard.type('Canvas test keyboard actor');
	await page.keyboard.press('Tab');
	await expect(dialog.getByLabel('Sector')).toBeFocused();
	await page.keyboard.type('Health');
	await page.keyboard.press('Enter');
	await expect(page.getByText('Success: Canvas test keyboard actor added to the map.')).toBeVisible();
	await expect(viewer.page.getByRole('rowheader', { name: /Canvas test keyboard actor/ })).toBeVisible();
	// Focus goes back to the canvas, ready for the next gesture.
	await expect(canvas).toBeFocused();

	// Escape closes the form without saving anything.
	await page.keyboard.press('a');
	await expect(dialog).toBeVisible();
	await page.keyboard.press('Escape');
	await expect(dialog).toBeHidden();
	await expect(canvas).toBeFocused();

	// Choose two actors with Space, then H.
	await tabTo(page, node(page, 'Canvas test keyboard actor'));
	await page.keyboard.press('Space');
	await expect(node(page, 'Canvas test keyboard actor')).toHaveAccessibleName(/chosen for a handoff/);
	await node(page, 'Social worker').focus();
	await page.keyboard.press('Space');
	await page.keyboard.press('h');
	const handoff = page.getByRole('dialog', { name: 'Handoff from Canvas test keyboard actor to Social worker' });
	await expect(handoff.getByLabel('What the handoff is called')).toBeFocused();
	await page.keyboard.type('Canvas test: health check request');
	await page.keyboard.press('Tab');
	await page.keyboard.type('After');
	await page.keyboard.press('Tab');
	await page.keyboard.type('Working');
	await page.keyboard.press('Enter');
	await expect(page.getByText('Success: Handoff "Canvas test: health check request" added.')).toBeVisible();
	await expect(viewer.page.getByRole('rowheader', { name: 'Canvas test: health check request' })).toBeVisible();

	// H without two chosen says what to do.
	await node(page, 'Canvas test keyboard actor').focus();
	await page.keyboard.press('h');
	await expect(page.getByRole('status').filter({ hasText: 'Select two actors first' })).toBeAttached();

	// Delete asks to confirm, then removes the actor with its handoff.
	await page.keyboard.press('Delete');
	const remove = page.getByRole('dialog', { name: 'Remove Canvas test keyboard actor?' });
	await expect(remove.getByRole('button', { name: 'Remove' })).toBeFocused();
	await expect(remove).toContainText('its 1 handoff');
	await expectAccessible(page);
	await page.keyboard.press('Enter');
	await expect(page.getByText('Success: Canvas test keyboard actor removed, with 1 handoff.')).toBeVisible();
	await expect(node(page, 'Canvas test keyboard actor')).toHaveCount(0);
	await expect(viewer.page.getByRole('rowheader', { name: /Canvas test keyboard actor/ })).toHaveCount(0);
	await expect(canvas).toBeFocused();

	await editor.context.close();
	await viewer.context.close();
});

test('the inline form, seen at 1280 by 720', async ({ browser }) => {
	const editor = await signedIn(browser, ACCOUNTS.partnerNorth);
	await editor.page.goto(MAP, { waitUntil: 'networkidle' });
	const spot = await emptyPoint(editor.page);
	await editor.page.mouse.dblclick(spot.x, spot.y);
	await expect(editor.page.getByRole('dialog', { name: 'Add an actor here' })).toBeVisible();
	await editor.page.getByRole('dialog').scrollIntoViewIfNeeded();
	await editor.page.screenshot({ path: `${process.env.E2E_RESULTS ?? 'test-results'}/canvas-inline-form.png` });
	await editor.context.close();
});

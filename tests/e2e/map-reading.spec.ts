// Reading the map at a workshop: labels that never overlap on a 1280 x 720 screen, numbered handoffs in the swimlane.
import { expect, test, type Page } from '@playwright/test';
import { ACCOUNTS, expectAccessible, signIn } from './fixtures';

const results = process.env.E2E_RESULTS ?? 'test-results';

type Rect = { x: number; y: number; width: number; height: number; text: string };

/** The on-screen boxes of the elements `selector` finds, as the browser drew them. */
async function boxesOf(page: Page, selector: string): Promise<Rect[]> {
	return page.locator(selector).evaluateAll((elements) =>
		elements.map((el) => {
			const r = el.getBoundingClientRect();
			return { x: r.x, y: r.y, width: r.width, height: r.height, text: el.textContent ?? '' };
		})
	);
}

/** Pairs of boxes that overlap by more than half a pixel either way (anti-aliasing aside). */
function overlapping(boxes: Rect[]) {
	const found: string[] = [];
	for (let i = 0; i < boxes.length; i++)
		for (let j = i + 1; j < boxes.length; j++) {
			const a = boxes[i];
			const b = boxes[j];
			const w = Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x);
			const h = Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y);
			if (w > 0.5 && h > 0.5) found.push(`${a.text} / ${b.text}`);
		}
	return found;
}

test.use({ viewport: { width: 1280, height: 720 } });

test('the Northbrook network at 1280 x 720: every label drawn apart, full names in tooltips, zoom to fit', async ({ page }) => {
	await signIn(page, ACCOUNTS.partnerNorth);
	await page.goto('/app/areas/northbrook/map');
	const canvas = page.getByRole('group', { name: /^Network of \d+ actors/ });
	await expect(canvas).toBeVisible();
	const nodes = canvas.locator('a.node');
	expect(await nodes.count()).toBeGreaterThanOrEqual(32);

	const labels = await boxesOf(page, 'svg.canvas g.labels text');
	expect(labels.length).toBe(await nodes.count());
	expect(overlapping(labels)).toEqual([]);
	// Labels clear of the nodes too.
	const shapes = await boxesOf(page, 'svg.canvas a.node use');
	expect(shapes.length).toBe(labels.length);
	for (const label of labels) expect(overlapping(shapes.map((s) => ({ ...s, text: 'a node' })).concat(label)), label.text).toEqual([]);
	// The network takes the page's width: at 1280 px, more than 1000 px of it.
	expect((await canvas.boundingBox())!.width).toBeGreaterThan(1000);
	// Every actor's whole name is its tooltip; a shortened label carries it too.
	await expect(nodes.first().locator('title')).not.toHaveText('');
	const shortened = canvas.locator('g.labels text.short');
	if (await shortened.count()) await expect(shortened.first().locator('title')).toHaveText(/.{26,}/);
	await canvas.scrollIntoViewIfNeeded();
	await page.screenshot({ path: `${results}/northbrook-network-1280x720.png` });
	await canvas.screenshot({ path: `${results}/northbrook-network-canvas.png` });

	await page.getByRole('button', { name: 'Zoom to fit' }).click();
	await expect(canvas.locator('g[transform]').first()).not.toHaveAttribute('transform', 'translate(0,0) scale(1)');
	expect(overlapping(await boxesOf(page, 'svg.canvas g.labels text'))).toEqual([]);
	await expect(page.getByRole('button', { name: 'Full screen' })).toHaveAttribute('aria-pressed', 'false');
	await expectAccessible(page);
});

test('the Northbrook swimlane at 1280 x 720 numbers every handoff, keyed to a list, with no numbers overlapping', async ({ page }) => {
	await signIn(page, ACCOUNTS.partnerNorth);
	await page.goto('/app/areas/northbrook/map/journey');
	const badges = await boxesOf(page, 'svg g.badges rect');
	const arrows = page.locator('svg path[marker-end]');
	expect(badges.length).toBe(await arrows.count());
	expect(badges.length).toBeGreaterThan(20);
	expect(overlapping(badges.map((b, i) => ({ ...b, text: String(i + 1) })))).toEqual([]);
	// The swimlane fits the width of the page, no sideways scrolling at 1280 px.
	const svg = page.locator('.scroll svg').first();
	expect((await svg.boundingBox())!.x + (await svg.boundingBox())!.width).toBeLessThanOrEqual(1280);
	// Each number is listed with the handoff's label and ends.
	const key = page.getByRole('region', { name: 'Handoffs by number' });
	await expect(key.getByRole('listitem').filter({ hasText: 'Return home interview' }).first()).toContainText(/ to /);
	expect(await key.getByRole('listitem').count()).toBe(badges.length);
	await svg.scrollIntoViewIfNeeded();
	await page.screenshot({ path: `${results}/northbrook-swimlane-1280x720.png` });
	await page.screenshot({ path: `${results}/northbrook-swimlane-full.png`, fullPage: true });
	await expectAccessible(page);
});

// Reading the map at a workshop: labels that never overlap on a 1280 x 720 screen, numbered handoffs in the swimlane.
import { expect, type Page } from '@playwright/test';
import { ACCOUNTS, expectAccessible, networkDrawn, signIn, test } from './fixtures';

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
	for (const label of labels)
		for (const shape of shapes) expect(overlapping([label, { ...shape, text: 'a node' }]), label.text).toEqual([]);
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

/** The value of the option named `name` in the select `id`: how a person finds an actor's or model's id. */
async function optionValue(page: Page, id: string, name: string | RegExp) {
	const value = await page.locator(`#${id} option`).filter({ hasText: name }).first().getAttribute('value');
	expect(value).toBeTruthy();
	return value!;
}

/** The actors the network draws, by the name that starts each node's accessible name. */
async function networkActors(page: Page) {
	await networkDrawn(page);
	const labels = await page.locator('svg.canvas a.node').evaluateAll((nodes) => nodes.map((n) => n.getAttribute('aria-label') ?? ''));
	return labels.map((l) => l.split(', ')[0]).sort();
}

test('?focus=<actor>&hops=1 shows exactly that actor and its neighbours, in the network and in the table', async ({ page }) => {
	await signIn(page, ACCOUNTS.partnerNorth);
	// Who hands to or from the missing children officer, read from the whole map's handoff table.
	await page.goto('/app/areas/northbrook/map/table');
	const focusName = 'Missing children officer';
	const rows = await page.locator('section[aria-labelledby="handoffs-heading"] tbody tr').evaluateAll((trs) =>
		trs.map((tr) => [tr.children[1].textContent!.trim(), tr.children[2].textContent!.trim()])
	);
	const expected = new Set([focusName]);
	for (const [from, to] of rows) {
		if (from === focusName) expected.add(to);
		if (to === focusName) expected.add(from);
	}
	expect(expected.size).toBeGreaterThan(2);
	const id = await optionValue(page, 'view-focus', focusName);

	await page.goto(`/app/areas/northbrook/map?focus=${id}&hops=1`);
	expect(await networkActors(page)).toEqual([...expected].sort());
	await expect(page.getByRole('status').filter({ hasText: `Showing ${expected.size} of` })).toBeVisible();
	await expect(page.locator('#view-focus')).toHaveValue(id);
	await expectAccessible(page);

	// The Table link keeps the focus.
	await page.getByRole('navigation', { name: 'Map views' }).getByRole('link', { name: 'Table' }).click();
	await expect(page).toHaveURL(new RegExp(`table\\?.*focus=${id}`));
	await expect(page.getByRole('heading', { name: `Actors (${expected.size})` })).toBeVisible();
	const tableActors = await page.locator('section[aria-labelledby="actors-heading"] tbody th[scope="row"] a').allTextContents();
	expect(tableActors.map((t) => t.trim()).sort()).toEqual([...expected].sort());

	// Two hops reach further; a focus by the form works without typing an address.
	await page.goto(`/app/areas/northbrook/map?focus=${id}&hops=2`);
	expect((await networkActors(page)).length).toBeGreaterThan(expected.size);

	// Following the journey onward, chosen in the form: every handoff shown starts at the focus or where an earlier one
	// ended, and the stage never goes back.
	await page.getByLabel(/^Or follow its journey/).selectOption('down');
	await page.getByRole('button', { name: 'Apply filters' }).click();
	await expect(page).toHaveURL(/follow=down/);
	await page.getByRole('navigation', { name: 'Map views' }).getByRole('link', { name: 'Table' }).click();
	await expect(page).toHaveURL(/table\?.*follow=down/);
	await expect(page.getByRole('heading', { name: /^Handoffs \(\d+\)$/ })).toBeVisible();
	const journey = await page.locator('section[aria-labelledby="handoffs-heading"] tbody tr').evaluateAll((trs) =>
		trs.map((tr) => [tr.children[1].textContent!.trim(), tr.children[2].textContent!.trim()])
	);
	expect(journey.length).toBeGreaterThan(0);
	const reached = new Set([focusName, ...journey.map(([, to]) => to)]);
	for (const [from] of journey) expect(reached.has(from), from).toBe(true);
	expect(journey.some(([from]) => from === focusName)).toBe(true);
});

test('?q=, ?size=, ?colour= and ?model= change what the network draws; bad values are ignored with a notice', async ({ page }) => {
	await signIn(page, ACCOUNTS.partnerNorth);
	await page.goto('/app/areas/northbrook/map?q=POLICE');
	const found = await networkActors(page);
	expect(found.length).toBeGreaterThan(0);
	for (const name of found) expect(name.toLowerCase()).toContain('police');

	// Search from the form: the address carries it.
	await page.goto('/app/areas/northbrook/map');
	await page.getByLabel('Search by name').fill('school');
	await page.getByRole('button', { name: 'Apply filters' }).click();
	await expect(page).toHaveURL(/q=school/);
	expect((await networkActors(page)).every((n) => n.toLowerCase().includes('school'))).toBe(true);

	await page.goto('/app/areas/northbrook/map?size=degree');
	await networkDrawn(page);
	const scales = await page.locator('svg.canvas a.node').evaluateAll((nodes) => nodes.map((n) => Number(n.getAttribute('data-scale'))));
	expect(Math.max(...scales)).toBe(1);
	expect(Math.min(...scales)).toBeLessThan(1);
	await expect(page.getByText(/Size:.*more handoffs/)).toBeVisible();

	await page.goto('/app/areas/northbrook/map?colour=rating');
	await networkDrawn(page);
	const broken = page.locator('svg.canvas a.node[data-colour="rating:absent"]');
	expect(await broken.count()).toBeGreaterThan(0);
	// The colour is in words too: in the node's name and in the legend.
	await expect(broken.first()).toHaveAttribute('aria-label', /worst handoff absent/);
	await expect(page.getByText('Worst handoff absent', { exact: true })).toBeVisible();
	await expectAccessible(page);

	await page.goto('/app/areas/northbrook/map');
	const model = await optionValue(page, 'view-model', 'A return interview is a form to complete');
	await page.goto(`/app/areas/northbrook/map?model=${model}`);
	await expect(page.getByRole('link', { name: /^Return interview provider, .*in the highlighted model/ })).toBeVisible();
	await expect(page.getByRole('link', { name: /^GP, .*outside the highlighted model/ })).toHaveClass(/dim/);
	await expect(page.locator('svg.canvas path[data-highlight]')).toHaveCount(2);

	// Nonsense never breaks the page: it is named and ignored.
	const response = await page.goto('/app/areas/northbrook/map?size=huge&hops=9&focus=nobody&q=');
	expect(response!.status()).toBe(200);
	await expect(page.getByText('Some of this address was ignored')).toBeVisible();
	await expect(page.getByText(/size=huge/)).toBeVisible();
	expect((await networkActors(page)).length).toBeGreaterThanOrEqual(32);
});

test('a saved view reopens the same picture from its address', async ({ page }) => {
	await signIn(page, ACCOUNTS.partnerNorth);
	await page.goto('/app/areas/northbrook/map');
	const focus = await optionValue(page, 'view-focus', 'Missing persons unit');
	await page.goto(`/app/areas/northbrook/map?focus=${focus}&hops=1&colour=rating&size=betweenness`);
	const picture = await networkActors(page);
	const colours = await page.locator('svg.canvas a.node').evaluateAll((n) => n.map((x) => x.getAttribute('data-colour')));

	await page.getByText('Save this view').click();
	await page.getByLabel('Name of the view').fill('Missing persons unit, by rating (reading e2e)');
	await expectAccessible(page);
	await page.getByRole('button', { name: 'Save view' }).click();
	await expect(page.getByText('View “Missing persons unit, by rating (reading e2e)” saved.')).toBeVisible();
	const row = page.getByRole('row', { name: /Missing persons unit, by rating \(reading e2e\)/ });
	await expect(row).toContainText('focus on Missing persons unit');
	await expectAccessible(page);

	// The list's link is the address: open it and the same actors, colours and sizes are drawn.
	await row.getByRole('link').click();
	await expect(page).toHaveURL(new RegExp(`/map\\?focus=${focus}&colour=rating&size=betweenness|/map\\?focus=${focus}&size=betweenness&colour=rating`));
	await expect(page.locator('#view-focus')).toHaveValue(focus);
	expect(await networkActors(page)).toEqual(picture);
	expect(await page.locator('svg.canvas a.node').evaluateAll((n) => n.map((x) => x.getAttribute('data-colour')))).toEqual(colours);
	expect(await page.locator('svg.canvas a.node[data-scale]').count()).toBe(picture.length);
});

import { expect, type Locator, type Page } from '@playwright/test';
import { ACCOUNTS, expectAccessible, signIn, test } from './fixtures';

const TOC = '/app/areas/northbrook/toc';

/** Tabs to `locator`, failing if it is not reached within `max` presses: proves it is reachable without a mouse. */
async function tabTo(page: Page, locator: Locator, max = 120) {
	for (let i = 0; i < max; i++) {
		await page.keyboard.press('Tab');
		if (await locator.evaluate((el) => el === document.activeElement)) return;
	}
	throw new Error('Never reached by Tab');
}

/** Adds a step with the keyboard only: kind by typing its name into the list, then the title, then Enter on the button. */
async function addStep(page: Page, kind: string, title: string) {
	const form = page.getByRole('region', { name: 'Add a step' });
	await tabTo(page, form.getByLabel('Kind of step'));
	await page.keyboard.type(kind);
	await page.keyboard.press('Tab');
	await page.keyboard.type(title);
	await tabTo(page, form.getByRole('button', { name: 'Add step' }));
	await page.keyboard.press('Enter');
	await expect(page.getByText(`“${title}” is on the diagram.`)).toBeVisible();
}

async function addLink(page: Page, from: string, to: string, rationale: string) {
	const form = page.getByRole('region', { name: 'Link two steps' });
	await tabTo(page, form.getByLabel('This step'));
	await page.keyboard.type(from);
	await page.keyboard.press('Tab');
	await page.keyboard.type(to);
	await page.keyboard.press('Tab');
	await page.keyboard.type(rationale);
	await tabTo(page, form.getByRole('button', { name: 'Add link' }));
	await page.keyboard.press('Enter');
}

const node = (page: Page, title: string) => page.locator('#toc-diagram a').filter({ has: page.locator('text', { hasText: title }) }).first();

test.use({ locale: 'en-GB' });

test('an editor builds a three-level pathway by keyboard, measures it, and sees it on the diagram and in the outline', async ({ page }) => {
	// A long journey with three axe scans: more than the default minute when CI runs both databases side by side.
	test.setTimeout(120_000);
	await signIn(page, ACCOUNTS.partnerNorth);
	await page.goto(TOC, { waitUntil: 'networkidle' });
	await expect(page.getByRole('heading', { name: 'Theory of change', level: 1 })).toBeVisible();
	await expect(page.getByRole('navigation', { name: /area/ }).getByRole('link', { name: 'Theory of change' })).toHaveAttribute('aria-current', 'page');
	// The demo's programme template is drawn, with its flags in words.
	await expect(node(page, 'Hydra training')).toHaveAccessibleName(/^Hydra training\s*! No action yet$/);
	await expect(node(page, 'Hydra training')).toHaveAccessibleDescription('Activity');
	await expectAccessible(page);

	await addStep(page, 'Activity', 'Weekly missing data huddle');
	await addStep(page, 'Short-term outcome', 'Partners act on one weekly picture');
	await addStep(page, 'Intermediate outcome', 'Repeat episodes spotted after the second');
	await addLink(page, 'Activity: Weekly', 'Short-term outcome: Partners act', 'Everyone sees the same list of who went missing.');
	await expect(page.getByText('The diagram and the outline show it.')).toBeVisible();
	await addLink(page, 'Short-term outcome: Partners act', 'Intermediate outcome: Repeat episodes', 'Patterns show up within a week.');
	await expect(page.getByText('The diagram and the outline show it.')).toBeVisible();

	// A link back down is refused, with which way round it should go, and nothing added.
	await addLink(page, 'Intermediate outcome: Repeat episodes', 'Activity: Weekly', 'Loop');
	await expect(page.getByText(/A link leads upward, from a lower step to a higher one: “Repeat episodes spotted after the second” \(intermediate outcome\) sits above “Weekly missing data huddle” \(activity\)/)).toBeVisible();
	await expectAccessible(page);

	// On the diagram: arrow keys move between steps, Enter selects and lights the path up.
	await page.goto(TOC, { waitUntil: 'networkidle' });
	const huddle = node(page, 'Weekly missing data huddle');
	await huddle.focus();
	const focused = page.locator('#toc-diagram a:focus');
	await page.keyboard.press('ArrowUp');
	await expect(focused).toHaveAccessibleDescription('Output');
	await page.keyboard.press('ArrowDown');
	await expect(focused).toHaveAccessibleDescription('Activity');
	await page.keyboard.press('ArrowDown');
	await expect(focused).toHaveAccessibleDescription('Input');
	await huddle.focus();
	await page.keyboard.press('Enter');
	await expect(page).toHaveURL(/step=/);
	const selected = page.locator('.selected');
	await expect(selected.getByRole('heading', { name: 'Selected: Weekly missing data huddle' })).toBeVisible();
	await expect(selected.getByRole('listitem')).toHaveText([/Partners act on one weekly picture/, /Repeat episodes spotted after the second/]);
	await expect(node(page, 'Partners act on one weekly picture')).toHaveAccessibleDescription('Short-term outcome. On the path to the impact');
	await expect(node(page, 'Hydra training')).toHaveAccessibleDescription('Activity');
	await expect(node(page, 'Weekly missing data huddle')).toHaveAccessibleDescription('Activity. Selected');
	await expect(node(page, 'Partners act on one weekly picture')).toHaveAccessibleName(/No indicator yet/);
	await expectAccessible(page);

	// An indicator on the outcome, then a reading.
	await page.getByRole('region', { name: 'Outline' }).getByRole('link', { name: 'Partners act on one weekly picture' }).click();
	await expect(page.getByRole('heading', { name: 'Partners act on one weekly picture', level: 1 })).toBeVisible();
	await expectAccessible(page);
	await page.getByLabel('Indicator', { exact: true }).fill('Partners at the weekly huddle');
	await page.getByLabel('Unit').fill('organisations');
	await page.getByLabel('Which way is better').selectOption({ label: 'Higher is better' });
	await page.getByLabel('Baseline value').fill('2');
	await page.getByLabel('Baseline date').fill('2026-01-05');
	await page.getByLabel('Target value').fill('8');
	await page.getByLabel('Target date').fill('2027-01-04');
	await page.getByLabel('How often it is measured').selectOption({ label: 'Monthly' });
	await page.getByRole('button', { name: 'Add indicator' }).click();
	await expect(page.getByRole('heading', { name: 'Partners at the weekly huddle', level: 1 })).toBeVisible();
	await expect(page.getByText('No readings yet', { exact: true }).first()).toBeVisible();

	// A reading that is not a number is refused beside its field; a good one is kept and judged.
	await page.getByLabel('Date', { exact: true }).fill('2026-07-06');
	await page.getByLabel('Value (organisations)').fill('six');
	await page.getByRole('button', { name: 'Add reading' }).click();
	await expect(page.getByText('Enter the value as a number, for example 42 or 3.5.')).toBeVisible();
	await page.getByLabel('Value (organisations)').fill('6');
	await page.getByRole('button', { name: 'Add reading' }).click();
	await expect(page.getByRole('alert').or(page.getByRole('status')).filter({ hasText: 'Reading added.' })).toBeVisible();
	await expect(page.locator('.status')).toContainText('On track');
	await expect(page.getByRole('figure', { name: /Partners at the weekly huddle over time/ })).toBeVisible();
	await expectAccessible(page);

	// Back on the theory of change: the flag has gone and the outline lists the indicator with its status.
	await page.goto(TOC, { waitUntil: 'networkidle' });
	await expect(node(page, 'Partners act on one weekly picture')).toHaveAccessibleName('Partners act on one weekly picture');
	const outline = page.getByRole('region', { name: 'Outline' });
	const item = outline.getByRole('listitem').filter({ has: page.getByRole('link', { name: 'Partners act on one weekly picture' }) }).first();
	await expect(item).toContainText('Partners at the weekly huddle');
	await expect(item).toContainText('On track');
	await expect(item).toContainText('Because: Patterns show up within a week.');

	await page.setViewportSize({ width: 320, height: 800 });
	await expectAccessible(page);
});

test('a viewer reads the theory of change but is offered no forms', async ({ page }) => {
	await signIn(page, ACCOUNTS.viewerNorth);
	await page.goto(TOC);
	await expect(node(page, 'Mapping workshops')).toBeVisible();
	await expect(page.getByRole('region', { name: 'Outline' }).getByRole('heading', { name: 'Activities' })).toBeVisible();
	await expect(page.getByRole('region', { name: 'Add a step' })).toHaveCount(0);
	await page.getByRole('region', { name: 'Outline' }).getByRole('link', { name: 'Repeat share of reports about children' }).click();
	await expect(page.getByRole('heading', { name: 'Repeat share of reports about children', level: 1 })).toBeVisible();
	await expect(page.getByRole('button', { name: 'Add reading' })).toHaveCount(0);
	await expectAccessible(page);
});

test('an editor records a quarter’s missing figures and sees the repeat share against the national picture', async ({ page }) => {
	await signIn(page, ACCOUNTS.partnerNorth);
	await page.goto(TOC);
	await page.getByRole('link', { name: 'Missing figures by quarter' }).click();
	await expect(page.getByRole('heading', { name: 'Missing figures by quarter', level: 1 })).toBeVisible();
	const chart = page.getByRole('figure', { name: /repeat episodes, by quarter, against the national picture/ });
	await expect(chart).toContainText('National, children 75%');
	await expect(chart).toContainText('Children 67.5%');
	await expectAccessible(page);

	await page.getByLabel('Quarter', { exact: true }).selectOption('2026-Q4');
	await page.getByLabel('Missing reports').fill('120');
	await page.getByLabel('People reported').fill('130');
	await page.getByLabel('Repeat share of reports about adults (%)').fill('46');
	await page.getByLabel('Repeat share of reports about children (%)').fill('66');
	await page.getByLabel('Return interviews offered').fill('40');
	await page.getByLabel('Return interviews completed within 72 hours').fill('28');
	await page.getByRole('button', { name: 'Save figures' }).click();
	await expect(page.getByText('People reported cannot exceed the reports')).toBeVisible();
	await expect(page.getByLabel('Missing reports')).toHaveValue('120');
	await page.getByLabel('People reported').fill('61');
	await page.getByRole('button', { name: 'Save figures' }).click();
	await expect(page.getByText('Figures saved for 2026-Q4')).toBeVisible();
	const row = page.getByRole('row').filter({ hasText: '2026-Q4' });
	await expect(row).toContainText('66%');
	await expect(row).toContainText('28 (70%)');
	await expect(chart).toContainText('Children 66%');
	await page.setViewportSize({ width: 320, height: 800 });
	await expectAccessible(page);
});

test('an action that delivers an activity clears the activity’s “no action” flag', async ({ page }) => {
	await signIn(page, ACCOUNTS.partnerNorth);
	await page.goto(TOC);
	await expect(node(page, 'Mapping workshops')).toHaveAccessibleName(/No action yet/);
	await page.getByRole('region', { name: 'Outline' }).getByRole('link', { name: 'Mapping workshops' }).click();
	await page.getByRole('link', { name: 'Add an action that delivers it' }).click();
	await expect(page.getByRole('heading', { name: 'New action', level: 1 })).toBeVisible();
	await expect(page.getByRole('checkbox', { name: /Mapping workshops/ })).toBeChecked();
	await expectAccessible(page);
	await page.getByLabel('Title').fill('Book the second mapping workshop');
	await page.getByRole('button', { name: 'Add action' }).click();
	await expect(page.getByRole('heading', { name: 'Book the second mapping workshop', level: 1 })).toBeVisible();
	await expect(page.getByRole('region', { name: 'Theory of change steps it delivers' }).getByRole('link', { name: 'Mapping workshops' })).toBeVisible();
	await page.goto(TOC);
	await expect(node(page, 'Mapping workshops')).toHaveAccessibleName('Mapping workshops');
});

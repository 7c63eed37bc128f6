// Syndicates in Hydra journeys: each team on its own device (a browser context with its own address, so the join
// rate limit never decides a test), joined through the link control shows.
import { expect, type Browser, type Page } from '@playwright/test';

export async function syndicateDevice(browser: Browser, address: string, viewport = { width: 390, height: 900 }) {
	const context = await browser.newContext({ viewport, extraHTTPHeaders: { 'x-forwarded-for': address } });
	return context.newPage();
}

export async function joinByLink(page: Page, code: string, team: string, agency: string) {
	await page.goto(`/hydra/join?code=${code}`, { waitUntil: 'networkidle' });
	await page.getByLabel('Team name').fill(team);
	await page.getByLabel('Agency your team plays').selectOption({ label: agency });
	await page.getByRole('button', { name: 'Join the exercise' }).click();
	await expect(page).toHaveURL(/\/hydra\/syndicate$/);
	await page.waitForLoadState('networkidle');
}

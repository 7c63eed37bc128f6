// A workshop room's steps in a browser, shared by the specs that run one: the lead opens it, guests join on phones.
import { expect, type Browser, type Page } from '@playwright/test';

export const PHONE = { width: 390, height: 844 };

/** Today's London date and a window around now that stays inside the day and within a room's twelve hours. */
function workshopTimes() {
	const parts = Object.fromEntries(
		new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/London', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', hourCycle: 'h23' })
			.formatToParts(new Date())
			.map((p) => [p.type, p.value])
	);
	const hour = Number(parts.hour);
	const start = Math.max(0, hour - 1);
	const end = Math.min(23, start + 11);
	const hh = (h: number) => String(h).padStart(2, '0');
	return { date: `${parts.year}-${parts.month}-${parts.day}`, start: `${hh(start)}:00`, end: end === 23 ? '23:59' : `${hh(end)}:00` };
}

export async function openRoom(page: Page, title: string, area = '/app/areas/northbrook') {
	await page.goto(`${area}/rooms`, { waitUntil: 'networkidle' });
	const times = workshopTimes();
	await page.getByLabel('Title').fill(title);
	await page.getByLabel('Day').fill(times.date);
	await page.getByLabel('Opens at').fill(times.start);
	await page.getByLabel('Closes at').fill(times.end);
	await page.getByRole('button', { name: 'Open the room' }).click();
	await expect(page.getByRole('heading', { level: 1, name: title })).toBeVisible();
	const code = ((await page.locator('.code').textContent()) ?? '').replace(/\s/g, '');
	expect(code).toMatch(/^[A-Z0-9]{6}$/);
	return { code, url: page.url() };
}

/** A guest's phone: its own browser context and venue address. */
export async function phone(browser: Browser, address: string) {
	const context = await browser.newContext({ viewport: PHONE, extraHTTPHeaders: { 'x-forwarded-for': address } });
	return context.newPage();
}

export async function join(page: Page, code: string, name: string, organisation: string) {
	await page.goto(`/w/${code}`, { waitUntil: 'networkidle' });
	await page.getByLabel('Your name, as the room will see it').fill(name);
	await page.getByLabel('Your organisation').fill(organisation);
	await page.getByRole('button', { name: 'Join the room' }).click();
	await expect(page.getByText(`You are ${name}, ${organisation}.`)).toBeVisible();
	await page.waitForLoadState('networkidle');
}

export async function addNote(page: Page, kind: string, on: string, text: string) {
	await page.getByLabel('Kind of note').selectOption({ label: kind });
	await page.getByLabel('On', { exact: true }).selectOption({ label: on });
	await page.getByLabel('Note', { exact: true }).fill(text);
	await page.getByRole('button', { name: 'Add the note' }).click();
}

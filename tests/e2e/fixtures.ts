// Shared steps for the end-to-end tests: signing in as a seeded account and checking a page with axe.
import { expect, test as base, type BrowserContext, type Page } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { generateHOTP } from '@oslojs/otp';
import { decodeBase32IgnorePadding } from '@oslojs/encoding';

/**
 * Playwright's test, closing every browser context a test opened once it ends: a page left open would go on following
 * its area's events, appear in the next test's "who else is here" and re-load with every later test's changes.
 */
export const test = base.extend<{ closeContexts: void }>({
	closeContexts: [
		async ({ browser }, use) => {
			await use();
			await Promise.all(browser.contexts().map((context) => context.close()));
		},
		{ auto: true }
	]
});

export const PASSWORD = 'e2e demo password';
/** The app's own origin, for requests that must pass (or deliberately fail) the same-origin check. */
export const ORIGIN = `http://localhost:${process.env.E2E_PORT ?? 4173}`;

export const ACCOUNTS = {
	admin: 'admin@homeward.test',
	consultant: 'consultant@homeward.test',
	consultant2: 'consultant2@homeward.test',
	partnerNorth: 'partner.north@homeward.test',
	partnerSouth: 'partner.south@homeward.test',
	viewerNorth: 'viewer.north@homeward.test'
} as const;

/** The authenticator key the demo seed gives every staff account in the tests (see playwright.config.ts). */
export const TOTP_SECRET = 'S3KWTBZAR36TTEMO2IYBVJ3AVHILPYVW';

// Each authenticator code works once, and one e2e run signs the same accounts in many times: the time-steps already
// spent are kept in a file, so that they survive Playwright restarting its worker after a failed test.
const SPENT_STEPS = join(process.env.E2E_RESULTS ?? 'test-results', 'totp-spent-steps.json');

function spentSteps(): Record<string, number> {
	try {
		return JSON.parse(readFileSync(SPENT_STEPS, 'utf8'));
	} catch {
		return {};
	}
}

/**
 * A code for `email` from a time-step no earlier sign-in in this run has spent: the current step, else the next one
 * (the server allows one step of clock drift), else it waits for the clock to move on, as a person would.
 */
export async function freshTotpCode(email: string, secret = TOTP_SECRET): Promise<string> {
	const spent = spentSteps();
	const account = email.toLowerCase();
	for (;;) {
		const now = Math.floor(Date.now() / 30_000);
		const step = Math.max(now, (spent[account] ?? 0) + 1);
		if (step <= now + 1) {
			spent[account] = step;
			mkdirSync(join(SPENT_STEPS, '..'), { recursive: true });
			writeFileSync(SPENT_STEPS, JSON.stringify(spent));
			return generateHOTP(decodeBase32IgnorePadding(secret), BigInt(step), 6);
		}
		await new Promise((resolve) => setTimeout(resolve, (step - 1) * 30_000 - Date.now() + 100));
	}
}

// Staff sessions signed in with a code, by account: a code works once, so signing the same account in again within
// half a minute means waiting for the next one. A later sign-in of that account reuses its session while it is still
// valid (a test that signs out or is disabled ends it, and the next sign-in goes through the form again).
const STAFF_SESSIONS = join(process.env.E2E_RESULTS ?? 'test-results', 'staff-sessions.json');
type Cookies = Awaited<ReturnType<BrowserContext['cookies']>>;

function staffSessions(): Record<string, Cookies> {
	try {
		return JSON.parse(readFileSync(STAFF_SESSIONS, 'utf8'));
	} catch {
		return {};
	}
}

async function reuseStaffSession(page: Page, account: string) {
	const cookies = staffSessions()[account];
	if (!cookies) return false;
	await page.context().addCookies(cookies);
	await page.goto('/app', { waitUntil: 'networkidle' });
	if (new URL(page.url()).pathname.startsWith('/app')) return true;
	await page.context().clearCookies();
	return false;
}

/** Signs in with the password and, for staff, the code from the seeded authenticator. */
export async function signIn(page: Page, email: string, password = PASSWORD) {
	const account = email.toLowerCase();
	if (password === PASSWORD && (await reuseStaffSession(page, account))) return;
	// Typing before the page's JavaScript has taken over can be undone by hydration on a busy machine.
	await page.goto('/login', { waitUntil: 'networkidle' });
	await page.getByLabel('Email address').fill(email);
	await page.getByLabel('Password', { exact: true }).fill(password);
	await page.getByRole('button', { name: 'Sign in' }).click();
	await expect(page).toHaveURL(/\/(app|login\/two-factor)/);
	if (new URL(page.url()).pathname === '/login/two-factor') {
		await page.waitForLoadState('networkidle');
		await page.getByLabel('Code').fill(await freshTotpCode(email));
		await page.getByRole('button', { name: 'Continue' }).click();
		await expect(page).toHaveURL(/\/app/);
		const sessions = staffSessions();
		sessions[account] = await page.context().cookies();
		writeFileSync(STAFF_SESSIONS, JSON.stringify(sessions));
		return;
	}
	await expect(page).toHaveURL(/\/app/);
}

export async function signOut(page: Page) {
	await page.getByRole('button', { name: 'Sign out' }).click();
	await expect(page.getByText('You have signed out.')).toBeVisible();
}

/**
 * Waits for the map's network to be drawn. After a full page load the browser fetches the drawing (once this session
 * has run the app's scripts), so it can come a moment after the page.
 */
export async function networkDrawn(page: Page) {
	await expect(page.locator('svg.canvas')).toBeVisible();
}

/** Fails with the list of violations when axe finds anything against WCAG 2.2 A and AA. */
export async function expectAccessible(page: Page) {
	const results = await new AxeBuilder({ page })
		.withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'])
		// One axe run inside the page: the default opens a second tab for every scan and sends each rule's partial results
		// through the test runner, which took three CPU-seconds a scan. Homeward has no cross-origin frames to reach.
		.setLegacyMode()
		// Only the violations come back in full: the passes of a long page are megabytes the test never reads.
		.options({ resultTypes: ['violations'] })
		.analyze();
	// Each offending element as its selector and its markup, so a CI log alone says what to fix.
	const summary = results.violations.map(
		(v) => `${v.id}: ${v.help} (${v.nodes.map((n) => `${n.target.join(' ')}: ${n.html.slice(0, 160)} ${n.failureSummary ?? ''}`).join('; ')})`
	);
	expect(summary, `axe on ${page.url()}`).toEqual([]);
}

export interface DeliveredMail {
	messageId: string;
	subject: string;
	text: string;
	headers: Record<string, string>;
	attachments: { filename?: string; contentType: string; content: string }[];
}

/** A message the SMTP sink of scripts/e2e-server.js received, found by the outbox row it came from. */
function delivered(outboxId: string): DeliveredMail | undefined {
	const file = join(process.env.E2E_RESULTS ?? 'test-results', 'mail.jsonl');
	if (!existsSync(file)) return undefined;
	return readFileSync(file, 'utf8')
		.split('\n')
		.filter(Boolean)
		.map((line) => JSON.parse(line) as DeliveredMail)
		.find((m) => m.messageId === `<${outboxId}@outbox.homeward>`);
}

const TOKEN_LINK = /\/(?:(?:reset-password|invitation|consultation\/manage|search-heroes\/(?:confirm|unsubscribe|preferences))\/|consultation\?offer=)([a-z0-9]{20,})/g;

/**
 * The newest message to `to`, opened in the admin mailbox as a person would (the page stays open), and as it was
 * delivered: the mailbox masks every link that works by a token, which this checks, so working links come from the
 * delivered mail.
 */
export async function readLatestMailAsSent(page: Page, to: string): Promise<DeliveredMail> {
	await page.goto('/app/admin/outbox');
	await page.getByRole('row').filter({ hasText: to }).first().getByRole('link').click();
	await expect(page).toHaveURL(/\/app\/admin\/outbox\/[^/]+$/);
	const id = new URL(page.url()).pathname.split('/').pop()!;
	await expect.poll(() => delivered(id) !== undefined, { message: `mail ${id} reaches the SMTP sink`, timeout: 15_000 }).toBe(true);
	const mail = delivered(id)!;
	const shown = (await page.getByRole('main').textContent()) ?? '';
	for (const [, token] of `${mail.text}\n${Object.values(mail.headers).join('\n')}`.matchAll(TOKEN_LINK)) {
		expect(shown, 'the admin mailbox masks working links').not.toContain(token);
	}
	return mail;
}

/** The body of the newest message to `to`, as delivered (see readLatestMailAsSent). */
export async function readLatestMail(page: Page, to: string) {
	return (await readLatestMailAsSent(page, to)).text;
}

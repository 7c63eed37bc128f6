// A NUL in a text field once reached PostgreSQL and answered 500. The shared text schema now refuses it at the
// boundary: 400, the message beside the field, and nothing stored.
import { expect, request as playwrightRequest } from '@playwright/test';
import { ACCOUNTS, ORIGIN, PASSWORD, signIn, test } from './fixtures';

const MESSAGE = 'Remove the control characters from this text.';

async function client(address: string) {
	return playwrightRequest.newContext({ baseURL: ORIGIN, extraHTTPHeaders: { 'x-forwarded-for': address, origin: ORIGIN }, maxRedirects: 0 });
}

test('a NUL in the public sighting form gets a 400 with the field message, and no sighting is stored', async ({ page }) => {
	const visitor = await client('127.0.0.51');
	const appeal = (await (await visitor.get('/appeals')).text()).match(/href="\/appeals\/([\w-]+)"/)![1];
	const report = (whatSeen: string) =>
		visitor.post(`/appeals/${appeal}`, {
			form: { seenWhen: 'Yesterday about noon', seenWhere: 'Bus station', whatSeen, contactName: '', contactDetails: '', website: '' },
			headers: { accept: 'text/html' }
		});
	const refused = await report('Hostile sighting\u0000 near the kiosk');
	expect(refused.status()).toBe(400);
	expect(await refused.text()).toContain(MESSAGE);
	// The same form without the NUL is stored, so the inbox below would show the first one had it been stored.
	expect((await report('Clean sighting near the kiosk')).status()).toBe(303);
	await visitor.dispose();

	await signIn(page, ACCOUNTS.consultant);
	await page.goto('/app/sightings');
	await expect(page.getByText('Clean sighting near the kiosk')).toBeVisible();
	await expect(page.getByText(/Hostile sighting/)).toHaveCount(0);
});

test('a NUL in an actor name gets a 400 with the field message, and no actor is added', async () => {
	const editor = await client('127.0.0.52');
	const signedIn = await editor.post('/login', { form: { email: ACCOUNTS.partnerNorth, password: PASSWORD }, headers: { accept: 'text/html' } });
	expect(signedIn.status()).toBe(303);
	const add = (name: string) =>
		editor.post('/app/areas/northbrook/map?/addActor', {
			form: { name, sector: 'voluntary', kind: 'organisation', audience: 'both', description: '' },
			headers: { accept: 'text/html' }
		});
	const refused = await add('Hostile\u0000 actor');
	expect(refused.status()).toBe(400);
	const html = await refused.text();
	expect(html).toContain(MESSAGE);
	expect(await add('Clean actor from the NUL test').then((r) => r.status())).toBeLessThan(400);
	const table = await (await editor.get('/app/areas/northbrook/map/table')).text();
	expect(table).toContain('Clean actor from the NUL test');
	expect(table).not.toContain('Hostile');
	// A NUL in the address gets a plain 400 too, not a database error.
	expect((await editor.get('/app/areas/northbrook/map?compare=x%00')).status()).toBe(400);
	await editor.dispose();
});

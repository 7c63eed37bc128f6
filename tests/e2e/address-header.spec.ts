// The e2e server runs with ADDRESS_HEADER=x-forwarded-for (scripts/e2e-server.js). A request without that header
// (a misconfigured proxy) once made sign-in answer 500; it now falls back to the connection's address, and the server
// log says so once.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, request as playwrightRequest } from '@playwright/test';
import { ACCOUNTS, ORIGIN, test } from './fixtures';

const SERVER_LOG = join(process.env.E2E_RESULTS ?? 'test-results', 'e2e-server.log');
const WARNING = 'ADDRESS_HEADER is set but a request came without that header';

test('sign-in without the address header answers the form, not a 500, and the log warns once', async () => {
	// A context of its own, so that the suite's x-forwarded-for header is not sent.
	const ctx = await playwrightRequest.newContext({ baseURL: ORIGIN, extraHTTPHeaders: { origin: ORIGIN }, maxRedirects: 0 });
	for (let i = 0; i < 2; i++) {
		const response = await ctx.post('/login', {
			form: { email: ACCOUNTS.partnerSouth, password: 'not the password at all' },
			headers: { accept: 'text/html' }
		});
		expect(response.status()).toBe(400);
		expect(await response.text()).toContain('The email address or password is not right.');
	}
	const reset = await ctx.post('/reset-password', { form: { email: 'nobody@homeward.test' }, headers: { accept: 'text/html' } });
	expect(reset.status()).toBeLessThan(500);
	await ctx.dispose();
	await expect
		.poll(() => readFileSync(SERVER_LOG, 'utf8').split('\n').filter((line) => line.includes(WARNING)).length)
		.toBe(1);
});

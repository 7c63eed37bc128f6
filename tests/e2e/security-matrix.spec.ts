// The access matrix: every route under /app (page, __data.json, form actions, +server handlers) against every kind
// of user, with the outcome the policy demands. Routes come from the source tree; see security/policy.ts.
import { expect, request as playwrightRequest, type APIRequestContext, type APIResponse } from '@playwright/test';
import { ORIGIN, PASSWORD, freshTotpCode, test } from './fixtures';
import { appRoutes, type AppRoute } from './security/routes';
import { SAMPLE_FROM, SUBJECTS, audienceFor, expected, type Outcome, type Subject } from './security/policy';

const AREA = 'northbrook';
const routes = appRoutes();
const staticPaths = new Set(routes.map((r) => r.id.replace('[slug]', AREA)).filter((id) => !id.includes('[')));
const clients = new Map<Subject, APIRequestContext>();

async function client(subject: Subject) {
	const ctx = await playwrightRequest.newContext({
		baseURL: ORIGIN,
		extraHTTPHeaders: { 'x-forwarded-for': '127.0.1.1', origin: ORIGIN },
		maxRedirects: 0
	});
	if (subject !== 'signedOut') {
		const response = await ctx.post('/login', {
			form: { email: SUBJECTS[subject], password: PASSWORD },
			headers: { accept: 'text/html' }
		});
		expect(response.status(), `sign-in as ${subject}`).toBe(303);
		if (response.headers()['location'].startsWith('/login/two-factor')) {
			const second = await ctx.post('/login/two-factor', { form: { code: await freshTotpCode(SUBJECTS[subject]) }, headers: { accept: 'text/html' } });
			expect(second.status(), `second factor as ${subject}`).toBe(303);
		}
	}
	return ctx;
}

test.beforeAll(async () => {
	for (const subject of ['signedOut', ...Object.keys(SUBJECTS)] as Subject[]) clients.set(subject, await client(subject));
	// Something in the outbox, so that a message page can be tested.
	await clients.get('signedOut')!.post('/reset-password', { form: { email: SUBJECTS.viewer }, headers: { accept: 'text/html' } });
});

/** The URL that posts to an action: SvelteKit's default action takes no name. */
const actionUrl = (path: string, action: string) => (action === 'default' ? path : `${path}?/${action}`);
test.afterAll(async () => {
	for (const ctx of clients.values()) await ctx.dispose();
});

/**
 * A real path for a route: the demo area for [slug], and for other parameters the first matching link the admin sees
 * on the nearest page above it.
 */
async function samplePath(route: AppRoute): Promise<string> {
	const path = route.id.replace('[slug]', AREA);
	const param = path.match(/\/\[[^\]]+\]/);
	if (!param) return path;
	const prefix = path.slice(0, param.index);
	const escaped = prefix.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
	const pattern = new RegExp(`href="(${escaped}/[^"/?#]+)`);
	const hint = SAMPLE_FROM[route.id]?.replace('[slug]', AREA);
	const parents = hint ? [hint] : [];
	for (let parent = prefix; parent.length > 1; parent = parent.slice(0, parent.lastIndexOf('/'))) parents.push(parent);
	for (const parent of parents) {
		const html = await (await clients.get('admin')!.get(parent)).text();
		// A link to a sibling route of its own (…/availability beside …/[id]) is not a sample of the parameter.
		const found = [...html.matchAll(new RegExp(pattern, 'g'))].map((m) => m[1]).find((href) => !staticPaths.has(href));
		// A route below the parameter (…/[round]/projector) keeps its own segments after the sampled value.
		if (found) return found.replaceAll('&amp;', '&') + path.slice(param.index! + param[0].length);
	}
	throw new Error(`no sample link for ${route.id}: seed data so the matrix can test it`);
}

interface Answer {
	response: Pick<APIResponse, 'status' | 'headers'>;
	body: string;
}

const whole = (send: () => Promise<APIResponse>) => async (): Promise<Answer> => {
	const response = await send();
	return { response, body: await response.text() };
};

/** Event streams never end: take the status, the headers and the first chunk, then hang up. */
const stream = (ctx: APIRequestContext, path: string) => async (): Promise<Answer> => {
	const { cookies } = await ctx.storageState();
	const controller = new AbortController();
	const res = await fetch(ORIGIN + path, {
		headers: { cookie: cookies.map((c) => `${c.name}=${c.value}`).join('; '), 'x-forwarded-for': '127.0.1.1' },
		redirect: 'manual',
		signal: controller.signal
	});
	const first = res.ok && res.body ? await res.body.getReader().read() : null;
	controller.abort();
	const headers = Object.fromEntries(res.headers);
	if (res.ok) expect(headers['content-type'], path).toContain('text/event-stream');
	return { response: { status: () => res.status, headers: () => headers }, body: new TextDecoder().decode(first?.value) };
};

function outcomeOf(response: Answer['response'], body: string): Outcome | string {
	const status = response.status();
	if ([301, 302, 303, 307, 308].includes(status)) {
		return (response.headers()['location'] ?? '').startsWith('/login') ? 'sign-in' : `redirect ${response.headers()['location']}`;
	}
	if (status === 404) return 'not-found';
	if (status === 403) return 'forbidden';
	if (status >= 500) return `server error ${status}`;
	// __data.json wraps redirects and errors in a 200.
	if (response.headers()['content-type']?.includes('application/json') && body.startsWith('{"type"')) {
		const data = JSON.parse(body);
		if (data.type === 'redirect') return data.location.startsWith('/login') ? 'sign-in' : `redirect ${data.location}`;
		const error = data.nodes?.find((n: { type: string }) => n?.type === 'error');
		if (error) return error.status === 404 ? 'not-found' : error.status === 403 ? 'forbidden' : `error ${error.status}`;
	}
	return 'allowed';
}

function expectHeaders(response: Answer['response'], what: string) {
	const headers = response.headers();
	expect(headers['x-content-type-options'], `nosniff on ${what}`).toBe('nosniff');
	expect(headers['content-security-policy'], `CSP on ${what}`).toContain("frame-ancestors 'none'");
}

test('the route tree is found and every route has a policy', () => {
	expect(routes.map((r) => r.id)).toEqual(expect.arrayContaining(['/app', '/app/areas/[slug]', '/app/areas/[slug]/members', '/app/admin/users']));
	const uncovered = routes.flatMap((r) => [
		...(r.page && !audienceFor(r.id) ? [r.id] : []),
		...r.actions.filter((a) => !audienceFor(r.id, a)).map((a) => `${r.id}?/${a}`),
		...r.methods.filter((m) => !audienceFor(r.id, m === 'GET' ? undefined : m)).map((m) => `${m} ${r.id}`)
	]);
	expect(uncovered, 'routes without a rule in tests/e2e/security/policy.ts').toEqual([]);
});

for (const route of routes) {
	test(`access to ${route.id}`, async () => {
		const path = await samplePath(route);
		const failures: string[] = [];
		for (const [subject, ctx] of clients) {
			const check = async (what: string, audience: ReturnType<typeof audienceFor>, send: () => Promise<Answer>) => {
				const { response, body } = await send();
				const outcome = outcomeOf(response, body);
				const want = expected(audience!, subject);
				// A permitted form post with an empty body is refused by validation, never by access control.
				const got = outcome === 'allowed' || (what.startsWith('POST') && response.status() === 400) ? 'allowed' : outcome;
				if (got !== want) failures.push(`${subject} ${what}: expected ${want}, got ${outcome} (${response.status()})`);
				expectHeaders(response, `${subject} ${what}`);
			};
			if (route.page) {
				await check(`GET ${path}`, audienceFor(route.id), whole(() => ctx.get(path, { headers: { accept: 'text/html' } })));
				const data = `${path === '/' ? '' : path}/__data.json`;
				await check(`GET ${data}`, audienceFor(route.id), whole(() => ctx.get(data)));
			}
			for (const action of route.actions) {
				const target = actionUrl(path, action);
				await check(
					`POST ${target}`,
					audienceFor(route.id, action),
					whole(() => ctx.post(target, { form: {}, headers: { accept: 'text/html' } }))
				);
			}
			for (const method of route.methods) {
				const isStream = method === 'GET' && route.id.endsWith('/events');
				await check(
					`${method} ${path}`,
					audienceFor(route.id, method === 'GET' ? undefined : method),
					isStream ? stream(ctx, path) : whole(() => ctx.fetch(path, { method }))
				);
			}
		}
		expect(failures).toEqual([]);
	});
}

test('a cross-origin form post is refused with 403 on every action', async () => {
	const admin = clients.get('admin')!;
	for (const route of routes) {
		const path = await samplePath(route);
		for (const action of route.actions) {
			const response = await admin.post(actionUrl(path, action), {
				form: {},
				headers: { origin: 'https://attacker.example', accept: 'text/html' }
			});
			expect(response.status(), `${path}?/${action}`).toBe(403);
			expectHeaders(response, `cross-origin ${path}?/${action}`);
		}
	}
});

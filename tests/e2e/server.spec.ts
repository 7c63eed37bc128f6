// The server as an operator runs it (`node build`, what `npm start` starts): every response carries the security
// headers, an idle keep-alive connection outlasts a proxy's, appeal photos fit under the body limit, and
// SIGTERM under load loses no request.
import { expect } from '@playwright/test';
import http from 'node:http';
import net from 'node:net';
import { once } from 'node:events';
import { readdirSync } from 'node:fs';
import { ACCOUNTS, PASSWORD, test } from './fixtures';
import { postForm, request, startBuiltServer, type BuiltServer, type Reply } from './built-server';

test.describe.configure({ mode: 'serial' });

let server: BuiltServer | undefined;
test.afterEach(async () => {
	await server?.stop();
	server = undefined;
});

function expectSecurityHeaders(reply: Reply, what: string) {
	expect(reply.headers['x-content-type-options'], what).toBe('nosniff');
	expect(reply.headers['x-frame-options'], what).toBe('DENY');
	expect(reply.headers['content-security-policy'], what).toContain("frame-ancestors 'none'");
	expect(reply.headers['referrer-policy'], what).toBe('strict-origin-when-cross-origin');
}

test('node build sends the security headers on pages, bundles, static files and errors, keeps an idle connection open, and takes a 2 MB photo', async () => {
	test.setTimeout(120_000);
	server = await startBuiltServer();
	const home = await request(server, '/');
	expect(home.status).toBe(200);
	expectSecurityHeaders(home, 'the prerendered home page');

	const entry = readdirSync('build/client/_app/immutable/entry').find((f) => f.endsWith('.js'))!;
	const bundle = await request(server, `/_app/immutable/entry/${entry}`);
	expect(bundle.status).toBe(200);
	expectSecurityHeaders(bundle, 'an /_app/immutable file');

	const robots = await request(server, '/robots.txt');
	expect(robots.status).toBe(200);
	expectSecurityHeaders(robots, 'a static file');

	// A connection kept idle past Node's default 5 s (as proxies and browsers keep theirs) is still open, and answers.
	const socket = net.connect(server.port, '127.0.0.1');
	await once(socket, 'connect');
	let closed = false;
	socket.on('close', () => (closed = true));
	const get = `GET /robots.txt HTTP/1.1\r\nhost: localhost:${server.port}\r\n\r\n`;
	socket.write(get);
	await once(socket, 'data');
	await new Promise((resolve) => setTimeout(resolve, 6000));
	expect(closed, 'the server closed a connection idle for 6 s').toBe(false);
	socket.write(get);
	const [again] = await once(socket, 'data');
	expect(String(again)).toMatch(/^HTTP\/1\.1 200/);
	socket.destroy();

	const missing = await request(server, '/no-such-page');
	expect(missing.status).toBe(404);
	expectSecurityHeaders(missing, 'an error page');

	// adapter-node's own default refuses anything over 512 KB with 413 before the app sees it.
	const boundary = 'homewardphoto';
	const photo = Buffer.concat([
		Buffer.from(`--${boundary}\r\ncontent-disposition: form-data; name="photo"; filename="p.jpg"\r\ncontent-type: image/jpeg\r\n\r\n`),
		Buffer.alloc(2 * 1024 * 1024, 0xff),
		Buffer.from(`\r\n--${boundary}--\r\n`)
	]);
	const upload = await request(server, '/app/appeals/new', {
		method: 'POST',
		headers: { origin: server.origin, 'content-type': `multipart/form-data; boundary=${boundary}` },
		body: photo
	});
	expect(upload.status, upload.body.toString()).not.toBe(413);
	expect(upload.status).toBeLessThan(500);
});

test('SIGTERM under load: every request already sent is answered, /readyz says 503, then the process exits', async () => {
	test.setTimeout(180_000);
	server = await startBuiltServer({ SHUTDOWN_TIMEOUT: '60' });
	const s = server;
	const signIn = await postForm(s, '/login', { email: ACCOUNTS.partnerNorth, password: PASSWORD }, { 'x-forwarded-for': '10.1.0.1' });
	expect(signIn.status).toBe(303);
	const cookie = String(signIn.headers['set-cookie']).split(';')[0];

	// A keep-alive connection a load balancer would hold open for its health checks.
	const keepAlive = new http.Agent({ keepAlive: true, maxSockets: 1 });
	expect((await request(s, '/readyz', { agent: keepAlive })).status).toBe(200);

	// 25 requests, each on its own connection: PDFs (slow, they block the event loop) and sign-in form posts.
	let answered = 0;
	let sent = 0;
	const onSent = () => (sent += 1);
	const requests = Array.from({ length: 25 }, (_, i) => {
		const reply =
			i % 2 === 0
				? request(s, '/app/areas/northbrook/plan.pdf', { headers: { cookie, 'x-forwarded-for': '10.1.0.1' }, onSent })
				: postForm(s, '/login', { email: ACCOUNTS.partnerSouth, password: PASSWORD }, { 'x-forwarded-for': `10.2.0.${i}` }, onSent);
		return reply.then(
			(r) => ((answered += 1), { i, status: r.status, pdf: r.body.subarray(0, 4).toString() === '%PDF' }),
			(err: Error) => ({ i, status: 0, error: err.message, pdf: false })
		);
	});
	// The signal goes as soon as all 25 are on the wire, whatever the machine's speed.
	while (sent < 25) await new Promise((resolve) => setTimeout(resolve, 5));
	const unansweredAtSignal = 25 - answered;
	s.child.kill('SIGTERM');
	// A request that reached the server just before the signal may still say 200; the next ones must say 503.
	let ready: number | string = 0;
	for (let attempt = 0; attempt < 10 && ready !== 503; attempt++) {
		ready = await request(s, '/readyz', { agent: keepAlive }).then((r) => r.status, (err: Error) => err.message);
		if (ready !== 503) await new Promise((resolve) => setTimeout(resolve, 50));
	}
	const results = await Promise.all(requests);
	keepAlive.destroy();

	// The test proves something only if the signal came while most requests were still open.
	expect(unansweredAtSignal).toBeGreaterThan(15);
	expect(ready).toBe(503);
	const failed = results.filter((r) => (r.i % 2 === 0 ? r.status !== 200 || !r.pdf : r.status !== 303));
	expect(failed).toEqual([]);
	const code = await Promise.race([s.exited, new Promise((resolve) => setTimeout(() => resolve('still running'), 60_000))]);
	expect(code).toBe(0);
	expect(s.output()).not.toContain('"level":50');
});

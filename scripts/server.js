// Serves the built app: `npm start` and `node build` both run this file (svelte.config.js copies it to build/index.js
// in place of adapter-node's own). adapter-node's handler does the work; this wrapper adds the security headers to
// every response (static files and SvelteKit's early refusals too), sets the body limit appeal photos need, prints
// the welcome block last, and on SIGTERM finishes every request it has taken before it exits.
import http from 'node:http';
import net from 'node:net';
import { securityHeaders } from '../src/lib/server/security-headers.js';
import { welcome } from '../src/lib/server/welcome.js';

const port = Number(process.env.PORT || 3000);
const host = process.env.HOST || '0.0.0.0';
// Without ORIGIN adapter-node assumes https, which would refuse every form post on a plain-http demo.
process.env.ORIGIN ||= `http://localhost:${port}`;
// Appeal photos are up to 2 MB; adapter-node refuses bodies over 512 KB unless told otherwise.
process.env.BODY_SIZE_LIMIT ||= '3M';
const headers = securityHeaders(process.env.ORIGIN.startsWith('https:'));
const shutdownTimeoutMs = Number(process.env.SHUTDOWN_TIMEOUT || 30) * 1000;
// After SIGTERM, how long an idle keep-alive connection may still bring a request that was already on its way.
const KEEP_ALIVE_GRACE_MS = 1000;

// The app reports the demo logins it seeds while the handler loads (src/lib/server/lifecycle.ts).
/** @type {import('../src/lib/server/welcome.js').Seeded | null | undefined} */
let seeded;
process.once('homeward:seeded', (/** @type {typeof seeded} */ s) => (seeded = s));
// @ts-expect-error build/ exists only after `vite build`
const { handler } = await import('../build/handler.js');

let draining = false;
let accepted = 0;
/** Responses under way, to mark `connection: close` when a shutdown starts. */
const open = new Set();

const server = http.createServer((req, res) => {
	for (const [name, value] of Object.entries(headers)) res.setHeader(name, value);
	// While draining, each response asks the client to close the connection after it rather than send more on it.
	if (draining) res.setHeader('connection', 'close');
	open.add(res);
	res.on('close', () => open.delete(res));
	handler(req, res, () => {
		res.statusCode = 404;
		res.setHeader('content-type', 'text/plain; charset=utf-8');
		res.end('Not found');
	});
});
server.on('connection', () => (accepted += 1));
// An idle keep-alive connection stays open longer than clients and proxies keep theirs idle (Node's default is 5 s): a
// request sent on a connection just as the server closes it is reset before it is read, which a proxy answers with 502
// and a client may not retry (a form post). A shutdown closes idle connections itself (see stopListening).
server.keepAliveTimeout = 65_000;
server.headersTimeout = 66_000;

server.listen(port, host, async () => {
	console.log(await welcome({ origin: process.env.ORIGIN, port, host, seeded, orgName: process.env.ORG_NAME }));
});

/**
 * Stops listening once no connection is waiting to be accepted. To a client, a connection the kernel has queued is
 * already under way, and closing the listener resets it: so each round lets the event loop accept what is queued
 * (a timer, then an immediate, has a poll phase between them) and closes only after a round that brought nothing.
 * net's close, not http's: since Node 19 http's also closes idle connections, which include the ones just accepted
 * whose request has not been read yet.
 * @param {number} deadline @param {() => void} done
 */
function stopListening(deadline, done) {
	let seen = -1;
	const round = () =>
		setTimeout(() =>
			setImmediate(() => {
				if (accepted !== seen && Date.now() < deadline) return ((seen = accepted), round());
				net.Server.prototype.close.call(server, done);
				// Idle keep-alive connections get a grace to bring a request already sent; then idle ones close, each
				// sweep after a poll phase so that a request that has arrived is read (and its connection busy) first.
				const sweep = () => setTimeout(() => setImmediate(() => (server.closeIdleConnections(), sweep())), KEEP_ALIVE_GRACE_MS).unref();
				sweep();
			}),
		20);
	round();
}

/** @param {NodeJS.Signals} signal */
function shutdown(signal) {
	if (draining) return;
	// The app's own SIGTERM listener (src/lib/server/lifecycle.ts) makes /readyz answer 503 from now on.
	draining = true;
	console.log(`${signal} received: finishing open requests`);
	for (const res of open) if (!res.headersSent) res.setHeader('connection', 'close');
	const deadline = Date.now() + shutdownTimeoutMs;
	const force = setTimeout(() => server.closeAllConnections(), shutdownTimeoutMs);
	stopListening(deadline, () => {
		// Every connection has ended. The app closes its database on this event, then nothing holds the process.
		clearTimeout(force);
		process.emit('sveltekit:shutdown', signal);
		setTimeout(() => process.exit(0), 3000).unref();
	});
}
process.on('SIGTERM', () => shutdown('SIGTERM'));
process.on('SIGINT', () => shutdown('SIGINT'));

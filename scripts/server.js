// Serves the built app. adapter-node's handler does the work; this wrapper adds the security headers to every
// response (static files and SvelteKit's early refusals too) and shuts down cleanly on SIGTERM.
import http from 'node:http';
import { securityHeaders } from '../src/lib/server/security-headers.js';

const port = Number(process.env.PORT || 3000);
const host = process.env.HOST || '0.0.0.0';
// Without ORIGIN adapter-node assumes https, which would refuse every form post on a plain-http demo.
process.env.ORIGIN ||= `http://localhost:${port}`;
// Appeal photos are up to 2 MB; adapter-node refuses bodies over 512 KB unless told otherwise.
process.env.BODY_SIZE_LIMIT ||= '3M';
const https = process.env.ORIGIN.startsWith('https:');
const { handler } = await import('../build/handler.js');
const headers = securityHeaders(https);
const graceMs = Number(process.env.SHUTDOWN_TIMEOUT || 30) * 1000;

const server = http.createServer((req, res) => {
	for (const [name, value] of Object.entries(headers)) res.setHeader(name, value);
	handler(req, res, () => {
		res.statusCode = 404;
		res.setHeader('content-type', 'text/plain; charset=utf-8');
		res.end('Not found');
	});
});

server.listen(port, host, () => {
	console.log(`Homeward is listening on ${process.env.ORIGIN} (port ${port})`);
});

let stopping = false;
function shutdown(signal) {
	if (stopping) return;
	stopping = true;
	console.log(`${signal} received: finishing open requests`);
	server.close(() => {
		// The app closes its database on this event (see src/lib/server/lifecycle.ts).
		process.emit('sveltekit:shutdown', signal);
		setTimeout(() => process.exit(0), 3000).unref();
	});
	server.closeIdleConnections();
	setTimeout(() => {
		server.closeAllConnections();
	}, graceMs).unref();
}
process.on('SIGTERM', () => shutdown('SIGTERM'));
process.on('SIGINT', () => shutdown('SIGINT'));

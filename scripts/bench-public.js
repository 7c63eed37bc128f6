// Benchmarks the public pages of a running build: JavaScript shipped per page (gzipped) and requests per second of
// the landing page against baselines served by the same process. Usage: start the app, then
//   BENCH_URL=http://localhost:3000 npm run bench:public   (writes build/bench-public.json)
import { writeFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';

const base = process.env.BENCH_URL || 'http://localhost:3000';
const seconds = Number(process.env.BENCH_SECONDS || 5);
const connections = Number(process.env.BENCH_CONNECTIONS || 20);
const pages = ['/', '/about-repeat-missing', '/how-it-works', '/appeals', '/partner-with-us', '/search-heroes'];

/**
 * The JavaScript a page loads: SvelteKit's entry files, the route nodes named in its hydration call, and everything
 * they import statically (dynamic imports of other routes' nodes are not loaded for this page, so not counted).
 */
async function javascriptBytes(path) {
	const pageUrl = new URL(path, base);
	const html = await (await fetch(pageUrl)).text();
	const queue = [...html.matchAll(/import\("([^"]+\.js)"\)/g)].map((m) => new URL(m[1], pageUrl).href);
	for (const m of html.matchAll(/<script[^>]*\ssrc="([^"]+)"/g)) queue.push(new URL(m[1], pageUrl).href);
	const nodeIds = html.match(/node_ids:\s*\[([\d,\s]*)\]/)?.[1].split(',').map((n) => n.trim()).filter(Boolean) ?? [];
	const app = queue.find((u) => /\/entry\/app\.[^/]+\.js$/.test(u));
	if (app) for (const id of nodeIds) queue.push(new URL(`../nodes/${id}.js`, app).href.replace(/\/nodes\/(\d+)\.js$/, '/nodes/$1.js'));
	const seen = new Map();
	while (queue.length) {
		const url = queue.shift();
		if (seen.has(url)) continue;
		let res = await fetch(url);
		if (!res.ok && /\/nodes\/\d+\.js$/.test(url)) {
			// Node files carry a hash: find the real name in app.js.
			const appText = await (await fetch(app)).text();
			const id = url.match(/\/nodes\/(\d+)\.js$/)[1];
			const name = appText.match(new RegExp(`\\.\\./nodes/${id}\\.[A-Za-z0-9_-]+\\.js`))?.[0];
			seen.set(url, 0);
			if (name) queue.push(new URL(name, app).href);
			continue;
		}
		const body = Buffer.from(await res.arrayBuffer());
		seen.set(url, gzipSync(body).length);
		for (const m of body.toString().matchAll(/(?:from|import)\s*["']([^"']+\.js)["']/g)) queue.push(new URL(m[1], url).href);
	}
	const files = [...seen.values()].filter((n) => n > 0);
	return { path, files: files.length, gzippedBytes: files.reduce((a, b) => a + b, 0) };
}

async function requestsPerSecond(path) {
	const end = Date.now() + seconds * 1000;
	let done = 0;
	const worker = async () => {
		while (Date.now() < end) {
			const res = await fetch(base + path);
			await res.arrayBuffer();
			if (res.ok) done += 1;
		}
	};
	await Promise.all(Array.from({ length: connections }, worker));
	return Math.round(done / seconds);
}

const js = [];
for (const path of pages) js.push(await javascriptBytes(path));
const landing = await requestsPerSecond('/');
const login = await requestsPerSecond('/login');
const healthz = await requestsPerSecond('/healthz');
const result = {
	at: new Date().toISOString(),
	javascript: js,
	requestsPerSecond: { landing, login, healthz },
	ratios: { landingToLogin: +(landing / login).toFixed(2), landingToHealthz: +(landing / healthz).toFixed(2) }
};
writeFileSync(process.env.BENCH_OUT || 'build/bench-public.json', JSON.stringify(result, null, 2));
console.log(JSON.stringify(result, null, 2));

// `npm run bench`: measures the built app on loopback beside a baseline from the same run, and writes
// bench/results.json and bench/README.md. Uses a fresh embedded database, or a fresh PostgreSQL database beside
// DATABASE_URL's when that is set. Ratios matter more than absolutes on a noisy machine.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync, mkdirSync, existsSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';
import { createServer } from 'vite';
import { generateTOTP } from '@oslojs/otp';
import { decodeBase32IgnorePadding } from '@oslojs/encoding';

const PORT = Number(process.env.BENCH_PORT || 4400);
const BASE = `http://localhost:${PORT}`;
const SECONDS = Number(process.env.BENCH_SECONDS || 10);
const CONNECTIONS = 50;
// The app runs behind ADDRESS_HEADER here (for the booking run's many visitors): every request names its address.
const LOCAL = { 'x-forwarded-for': '127.0.0.1' };
const PASSWORD = 'bench demo password';
const results = { date: new Date().toISOString(), database: process.env.DATABASE_URL ? 'postgres' : 'pglite', node: process.version, figures: {} };

/** Requests per second and latency percentiles (from every response's time) under CONNECTIONS connections. */
function measure(url, headers) {
	const times = [];
	return new Promise((resolve, reject) => {
		const instance = autocannon({ url, connections: CONNECTIONS, duration: SECONDS, headers }, (err, run) => {
			if (err) return reject(err);
			times.sort((a, b) => a - b);
			const at = (q) => Number(times[Math.min(times.length - 1, Math.floor(q * times.length))].toFixed(1));
			resolve({
				requestsPerSecond: Math.round(run.requests.average),
				p50ms: at(0.5),
				p95ms: at(0.95),
				p99ms: at(0.99),
				errors: run.errors + run.non2xx
			});
		});
		instance.on('response', (_client, _status, _bytes, responseTime) => times.push(responseTime));
	});
}

// 1. A fresh database with the demo and the large area.
const TOTP_SECRET = 'S3KWTBZAR36TTEMO2IYBVJ3AVHILPYVW';
const env = {
	...process.env,
	SEED_PASSWORD: PASSWORD,
	SEED_TOTP_SECRET: TOTP_SECRET,
	ENCRYPTION_KEY: process.env.ENCRYPTION_KEY || 'UsUUdfZQOguT5aWHgOsFL5ibO8Idwr8aAN9tHF5BCNg=',
	DEMO_SEED: 'false',
	LOG_LEVEL: 'warn',
	PORT: String(PORT),
	ORIGIN: BASE,
	// The booking contention run gives each simulated visitor its own address.
	ADDRESS_HEADER: 'x-forwarded-for'
};
let dropDatabase = async () => {};
if (process.env.DATABASE_URL) {
	const { default: postgres } = await import('postgres');
	const admin = new URL(process.env.DATABASE_URL);
	const name = `${admin.pathname.slice(1) || 'homeward'}_bench`;
	admin.pathname = '/postgres';
	const sql = postgres(admin.toString(), { max: 1, onnotice: () => {} });
	await sql.unsafe(`drop database if exists "${name}" with (force)`);
	await sql.unsafe(`create database "${name}"`);
	const target = new URL(process.env.DATABASE_URL);
	target.pathname = `/${name}`;
	env.DATABASE_URL = target.toString();
	dropDatabase = async () => {
		await sql.unsafe(`drop database if exists "${name}" with (force)`);
		await sql.end();
	};
} else {
	env.DATA_DIR = mkdtempSync(join(tmpdir(), 'homeward-bench-'));
	dropDatabase = async () => rmSync(env.DATA_DIR, { recursive: true, force: true });
}

const vite = await createServer({ server: { middlewareMode: true, hmr: false, ws: false }, appType: 'custom', logLevel: 'error' });
const load = (path) => vite.ssrLoadModule(path);
Object.assign(process.env, {
	DATABASE_URL: env.DATABASE_URL ?? '',
	DATA_DIR: env.DATA_DIR ?? '',
	SEED_PASSWORD: PASSWORD,
	SEED_TOTP_SECRET: TOTP_SECRET,
	ENCRYPTION_KEY: env.ENCRYPTION_KEY
});
if (!env.DATABASE_URL) delete process.env.DATABASE_URL;
const dbModule = await load('/src/lib/server/db/index.ts');
await dbModule.openDatabase();
await (await load('/src/lib/server/seed/index.ts')).seedDemo(PASSWORD);
const large = await load('/src/lib/server/seed/large.ts');
const seeded = await large.seedLargeArea();
await dbModule.refreshStatistics();

/** Wall time and the highest heap plus buffers seen (sampled every 2 ms) while `fn` runs, above what was in use before. */
async function timeAndPeak(fn) {
	globalThis.gc?.();
	const used = () => {
		const m = process.memoryUsage();
		return m.heapUsed + m.external + m.arrayBuffers;
	};
	const base = used();
	let peak = base;
	const sampler = setInterval(() => (peak = Math.max(peak, used())), 2);
	const start = performance.now();
	const result = await fn();
	const ms = performance.now() - start;
	clearInterval(sampler);
	peak = Math.max(peak, used());
	return { ms: Math.round(ms), peakMB: Number(((peak - base) / 1048576).toFixed(1)), result };
}

// The action plan of the large area beside pdfmake drawing a bare table of the same rows: what the plan's sections,
// diagrams and contents cost over the table alone.
{
	const { areas } = await load('/src/lib/server/db/schema/index.ts');
	const { eq } = await import('drizzle-orm');
	const [area] = await dbModule.db.select().from(areas).where(eq(areas.id, seeded.areaId));
	const context = { area, role: 'lead', user: { id: seeded.leadId, role: 'consultant' } };
	const { actionPlanPdf } = await load('/src/lib/server/pdf/plan.ts');
	const { renderPdf } = await load('/src/lib/server/pdf/index.ts');
	const { listActions } = await load('/src/lib/server/actions/index.ts');
	const bare = await timeAndPeak(async () => {
		const { actions } = await listActions(context);
		return renderPdf({
			content: [{ table: { headerRows: 1, body: [['Title', 'Due', 'Status'], ...actions.map((a) => [a.title, a.dueDate ?? '', a.status])] } }]
		});
	});
	await actionPlanPdf(context); // warm the layout cache and modules once, as a running server would be
	const plan = await timeAndPeak(() => actionPlanPdf(context));
	results.figures.pdf = {
		[`bare table, ${seeded.actions} rows (baseline)`]: { ms: bare.ms, peakMB: bare.peakMB, kb: Math.round(bare.result.length / 1024), ratio: 1 },
		[`action plan, ${seeded.actions} actions, ${seeded.actors}-actor map`]: {
			ms: plan.ms,
			peakMB: plan.peakMB,
			kb: Math.round(plan.result.pdf.length / 1024),
			ratio: Number((plan.ms / bare.ms).toFixed(1))
		}
	};
}
await dbModule.closeDatabase();

// Layouts at the large area's size, in-process: first computation, then the cached answer for unchanged data.
{
	const { timeIt, syntheticToc } = await load('/src/lib/diagrams/synthetic.ts');
	const { layoutToc } = await load('/src/lib/diagrams/toc.ts');
	const { networkLayoutOf, journeyLayoutOf } = await load('/src/lib/server/map/layout.ts');
	const { layoutNetwork } = await load('/src/lib/diagrams/force.ts');
	const { layoutJourney } = await load('/src/lib/diagrams/journey.ts');
	const map = large.syntheticMap();
	const small = large.syntheticMap(30, 35);
	const toInput = (m) => ({
		nodes: m.actors.map((a) => ({ id: a.id, label: a.name, sector: a.sector })),
		links: m.handoffs.map((h) => ({ id: h.id, source: h.fromActorId, target: h.toActorId }))
	});
	const network = timeIt(() => layoutNetwork(toInput(map)));
	const networkSmall = timeIt(() => layoutNetwork(toInput(small)));
	const journey = timeIt(() => layoutJourney(map));
	const tocInput = syntheticToc(60, 120);
	const toc = timeIt(() => layoutToc(tocInput));
	networkLayoutOf(map, []);
	journeyLayoutOf(map);
	const cachedNetwork = timeIt(() => networkLayoutOf(map, []));
	const cachedJourney = timeIt(() => journeyLayoutOf(map));
	results.figures.layouts = {
		[`network, ${seeded.actors} actors / ${seeded.handoffs} handoffs`]: { ms: network.wallMs, cpuMs: network.cpuMs, goalMs: 250 },
		'network, 30-actor baseline': { ms: networkSmall.wallMs, cpuMs: networkSmall.cpuMs },
		[`journey, ${seeded.actors} actors / ${seeded.handoffs} handoffs`]: { ms: journey.wallMs, cpuMs: journey.cpuMs, goalMs: 250 },
		'theory of change, 60 nodes / 120 links': { ms: toc.wallMs, cpuMs: toc.cpuMs, goalMs: 100 },
		'network again, unchanged map (cache)': { ms: cachedNetwork.wallMs, cpuMs: cachedNetwork.cpuMs },
		'journey again, unchanged map (cache)': { ms: cachedJourney.wallMs, cpuMs: cachedJourney.cpuMs }
	};
}
await vite.close();

// 2. The built app.
const server = spawn(process.execPath, ['scripts/server.js'], { env, stdio: ['ignore', 'inherit', 'inherit'] });
const stop = async () => {
	server.kill('SIGTERM');
	await new Promise((resolve) => server.once('exit', resolve));
	await dropDatabase();
};
try {
	for (let i = 0; ; i++) {
		const ready = await fetch(`${BASE}/readyz`).then((r) => r.ok).catch(() => false);
		if (ready) break;
		if (i > 120) throw new Error('the app did not become ready');
		await new Promise((r) => setTimeout(r, 500));
	}
	const signIn = await fetch(`${BASE}/login`, {
		method: 'POST',
		redirect: 'manual',
		headers: { ...LOCAL, origin: BASE, accept: 'text/html', 'content-type': 'application/x-www-form-urlencoded' },
		body: new URLSearchParams({ email: 'consultant@homeward.test', password: PASSWORD })
	});
	const halfSignedIn = signIn.headers.get('set-cookie')?.split(';')[0];
	if (!halfSignedIn) throw new Error(`sign-in failed (${signIn.status})`);
	const second = await fetch(`${BASE}/login/two-factor`, {
		method: 'POST',
		redirect: 'manual',
		headers: { ...LOCAL, origin: BASE, accept: 'text/html', 'content-type': 'application/x-www-form-urlencoded', cookie: halfSignedIn },
		body: new URLSearchParams({ code: generateTOTP(decodeBase32IgnorePadding(TOTP_SECRET), 30, 6) })
	});
	const cookie = second.headers.get('set-cookie')?.split(';')[0];
	if (!cookie) throw new Error(`second factor failed (${second.status})`);

	// 3. Throughput and latency beside a static page of the same build.
	const pages = {
		'static page (prerendered /accessibility)': { path: '/accessibility', headers: LOCAL },
		'public home (prerendered)': { path: '/', headers: LOCAL },
		// The least a signed-in page costs (session, layouts, rendering): what the area pages add is measured against it.
		'signed-in baseline (account page)': { path: '/app/account', headers: { ...LOCAL, cookie } },
		'signed-in area overview': { path: '/app/areas/bench-large', headers: { ...LOCAL, cookie } },
		'signed-in map (300 actors, 900 handoffs)': { path: '/app/areas/bench-large/map', headers: { ...LOCAL, cookie } }
	};
	const load = {};
	for (const [name, { path, headers }] of Object.entries(pages)) {
		const check = await fetch(BASE + path, { headers });
		if (check.status !== 200) throw new Error(`${path} answered ${check.status}`);
		const run = await measure(BASE + path, headers);
		load[name] = { path, ...run };
	}
	const baseline = load['static page (prerendered /accessibility)'].requestsPerSecond;
	const signedIn = load['signed-in baseline (account page)'].requestsPerSecond;
	for (const entry of Object.values(load)) {
		entry.ratioToStatic = Number((entry.requestsPerSecond / baseline).toPrecision(2));
		entry.ratioToSignedIn = Number((entry.requestsPerSecond / signedIn).toPrecision(2));
	}
	results.figures.pages = load;

	// 4. JavaScript each page ships, gzipped, from the build output.
	const js = {};
	for (const [name, path] of Object.entries({
		'sign-in': '/login',
		dashboard: '/app',
		'area overview': '/app/areas/bench-large',
		members: '/app/areas/bench-large/members',
		map: '/app/areas/bench-large/map',
		'public home': '/',
		'search heroes sign-up': '/search-heroes',
		'appeals': '/appeals',
		'partner enquiry': '/partner-with-us',
		'consultation booking': '/consultation'
	})) {
		// SvelteKit lists a page's static imports in the Link header and starts them with import() in the HTML.
		const response = await fetch(BASE + path, { headers: { ...LOCAL, cookie } });
		const html = await response.text();
		const links = [...(response.headers.get('link') ?? '').matchAll(/<([^>]+\.js)>/g)].map((m) => m[1]);
		const files = new Set([...links, ...[...html.matchAll(/import\("([^"]+\.js)"\)/g)].map((m) => m[1])]);
		let bytes = 0;
		for (const file of files) {
			const local = join('build/client', new URL(file, BASE + path).pathname);
			if (existsSync(local)) bytes += gzipSync(readFileSync(local)).length;
		}
		js[name] = { path, files: files.size, gzipKB: Number((bytes / 1024).toFixed(1)) };
	}
	results.figures.javascript = js;

	// 5. One change heard by a whole room: 100 open event streams, beside a single stream as the baseline.
	const { measureFanOut } = await import('./bench-events.js');
	const single = await measureFanOut({ origin: BASE, cookie, slug: 'bench-large', streams: 1, headers: LOCAL });
	const room = await measureFanOut({ origin: BASE, cookie, slug: 'bench-large', streams: 100, headers: LOCAL });
	results.figures.events = {
		'1 stream (baseline)': single,
		'100 streams': { ...room, p95Ratio: single.p95ms ? Number((room.p95ms / single.p95ms).toFixed(1)) : null }
	};

	// 6. Many people after one consultation slot at once: exactly one may win.
	const { fireConcurrentBookings } = await import('./bench-booking.js');
	results.figures.booking = await fireConcurrentBookings({ origin: BASE, count: 200 });
} finally {
	await stop();
}

// 7. Write the figures.
mkdirSync('bench', { recursive: true });
writeFileSync('bench/results.json', JSON.stringify(results, null, 2) + '\n');
const rows = (obj, cols) => Object.entries(obj).map(([name, v]) => `| ${name} | ${cols.map((c) => v[c] ?? '').join(' | ')} |`).join('\n');
writeFileSync(
	'bench/README.md',
	`# Benchmark results

Written by \`npm run bench\` on ${results.date} (${results.database}, Node ${results.node}), ${CONNECTIONS} connections for ${SECONDS} s
each, on loopback. Compare ratios, not absolutes: the machines are shared and noisy.

## Pages

| page | req/s | ratio to static | ratio to signed-in baseline | p50 ms | p95 ms | p99 ms | errors |
|---|---|---|---|---|---|---|---|
${rows(results.figures.pages, ['requestsPerSecond', 'ratioToStatic', 'ratioToSignedIn', 'p50ms', 'p95ms', 'p99ms', 'errors'])}

Goal: a signed-in page reaches at least 0.5 of the static page's throughput, with p99 under 100 ms.

## Layouts

| layout | ms (median of 7) | CPU ms | goal ms |
|---|---|---|---|
${rows(results.figures.layouts, ['ms', 'cpuMs', 'goalMs'])}

## PDF action plan

| document | ms | peak MB (sampled) | size KB | time ratio to baseline |
|---|---|---|---|---|
${rows(results.figures.pdf, ['ms', 'peakMB', 'kb', 'ratio'])}

## Event fan-out (one change, every open stream)

| streams | delivered | p50 ms | p95 ms | max ms | p95 ratio to one stream |
|---|---|---|---|---|---|
${rows(results.figures.events, ['delivered', 'p50ms', 'p95ms', 'maxms', 'p95Ratio'])}

## Booking contention

${Object.entries(results.figures.booking).map(([k, v]) => `- ${k}: ${typeof v === 'object' ? JSON.stringify(v) : v}`).join('\n')}

## JavaScript shipped per page (gzipped)

| page | path | files | KB |
|---|---|---|---|
${rows(results.figures.javascript, ['path', 'files', 'gzipKB'])}
`
);
console.log(readFileSync('bench/README.md', 'utf8'));

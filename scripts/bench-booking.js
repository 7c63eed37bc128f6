// Fires many simultaneous bookings at one slot of a running app, over HTTP as browsers would (form posts, each from
// its own address), and reports successes, refusals, errors and latency. The app must trust the address header:
// start it with ADDRESS_HEADER=x-forwarded-for (scripts/e2e-server.js does), or every attempt shares one rate limit.
//   node scripts/bench-booking.js http://localhost:3202 200
// or from a later `npm run bench`: import { fireConcurrentBookings } from './bench-booking.js'.

/** The first open slot on the public page. */
export async function firstOpenSlot(origin) {
	const html = await (await fetch(new URL('/consultation', origin))).text();
	const match = html.match(/name="slot"[^>]*value="([^"]+)"/) ?? html.match(/value="([^"]+)"[^>]*name="slot"/);
	if (!match) throw new Error('No open slot on /consultation');
	return match[1];
}

function percentile(sorted, p) {
	return sorted.length ? sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] : 0;
}

/**
 * `count` simultaneous attempts at `slot` (default: the first open one). Returns
 * { slot, count, successes, refusals, rateLimited, errors, statuses, p50, p95, max } with latencies in ms.
 */
export async function fireConcurrentBookings({ origin, count = 200, slot } = {}) {
	slot ??= await firstOpenSlot(origin);
	const attempt = async (i) => {
		const body = new URLSearchParams({
			slot,
			name: `Bench Lead ${i}`,
			role: 'Missing persons coordinator',
			organisation: 'Benchshire Police',
			organisationType: 'police',
			localArea: 'Benchshire',
			email: `bench${i}@example.test`,
			phone: '',
			situation: 'A benchmark attempt.',
			consent: 'yes',
			website: ''
		});
		const started = performance.now();
		const response = await fetch(new URL('/consultation', origin), {
			method: 'POST',
			redirect: 'manual',
			headers: {
				'content-type': 'application/x-www-form-urlencoded',
				// As a browser without JavaScript: an HTML page back (303 on success, the form again with 409 when refused).
				accept: 'text/html',
				origin: new URL(origin).origin,
				'x-forwarded-for': `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`
			},
			body
		});
		await response.arrayBuffer();
		return { status: response.status, ms: performance.now() - started };
	};
	const results = await Promise.all(Array.from({ length: count }, (_, i) => attempt(i + 1)));
	const statuses = {};
	for (const r of results) statuses[r.status] = (statuses[r.status] ?? 0) + 1;
	const ms = results.map((r) => r.ms).sort((a, b) => a - b);
	return {
		slot,
		count,
		successes: statuses[303] ?? 0,
		refusals: statuses[409] ?? 0,
		rateLimited: statuses[429] ?? 0,
		errors: results.filter((r) => r.status >= 500).length,
		statuses,
		p50: Math.round(percentile(ms, 50)),
		p95: Math.round(percentile(ms, 95)),
		max: Math.round(ms.at(-1) ?? 0)
	};
}

if (import.meta.url === `file://${process.argv[1]}`) {
	const origin = process.argv[2] ?? 'http://localhost:3000';
	const count = Number(process.argv[3] ?? 200);
	console.log(JSON.stringify(await fireConcurrentBookings({ origin, count }), null, 2));
}

// Event fan-out of a running app: opens `streams` event streams on one area as a signed-in user, makes one change
// through a form post, and times how long each stream takes to hear of it (from the moment the post is answered).
// From `npm run bench`: import { measureFanOut } from './bench-events.js'.

function percentile(sorted, p) {
	return sorted.length ? Number(sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)].toFixed(1)) : null;
}

async function openStream(url, headers) {
	const controller = new AbortController();
	const response = await fetch(url, { headers, signal: controller.signal });
	if (response.status !== 200) throw new Error(`event stream answered ${response.status}`);
	const reader = response.body.getReader();
	const decoder = new TextDecoder();
	let text = '';
	let onChange = () => {};
	const heard = new Promise((resolve) => (onChange = resolve));
	(async () => {
		try {
			for (;;) {
				const { value, done } = await reader.read();
				if (done) return;
				text += decoder.decode(value, { stream: true });
				if (text.includes('event: change')) return onChange(performance.now());
			}
		} catch {
			// Aborted at the end of the run.
		}
	})();
	// Connected once the first presence list has arrived.
	while (!text.includes('event: presence')) await new Promise((r) => setTimeout(r, 10));
	return { heard, close: () => controller.abort() };
}

export async function measureFanOut({ origin, cookie, slug, streams = 100, headers = {} }) {
	const base = { ...headers, cookie };
	const opened = [];
	for (let i = 0; i < streams; i++) opened.push(await openStream(`${origin}/app/areas/${slug}/events?view=/app/areas/${slug}/map`, base));
	const body = new URLSearchParams({ name: `Fan-out actor ${Date.now()}`, sector: 'voluntary', kind: 'organisation', audience: 'both', description: '' });
	const response = await fetch(`${origin}/app/areas/${slug}/map?/addActor`, {
		method: 'POST',
		headers: { ...base, origin, accept: 'application/json', 'content-type': 'application/x-www-form-urlencoded', 'x-sveltekit-action': 'true' },
		body
	});
	const answered = performance.now();
	if (!response.ok) throw new Error(`the change was refused (${response.status})`);
	const timeout = new Promise((resolve) => setTimeout(() => resolve(null), 10_000));
	const times = (await Promise.all(opened.map((s) => Promise.race([s.heard, timeout])))).map((t) => (t === null ? null : Math.max(0, t - answered)));
	for (const s of opened) s.close();
	const delivered = times.filter((t) => t !== null).sort((a, b) => a - b);
	return { streams, delivered: delivered.length, p50ms: percentile(delivered, 50), p95ms: percentile(delivered, 95), maxms: percentile(delivered, 100) };
}

// A workshop at scale, against a running app, over HTTP as browsers do it: every screen follows its event stream and,
// on each change, re-loads the data the event says changed (SvelteKit's __data.json with the invalidated nodes only,
// 50 ms after the first event of a burst, as LiveArea and LiveRoom do). Times run from the moment a change is sent
// until the last screen's re-load carries it. From `npm run bench`: import { measureMapRoom, measureGuestRoom }.
import { readFileSync } from 'node:fs';

const RELOAD_DELAY_MS = 50;
const SEEN_TIMEOUT_MS = 10_000;

function percentile(sorted, p) {
	return sorted.length ? Number(sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)].toFixed(1)) : null;
}

/** CPU seconds (user + system) a process has used so far, from /proc (null where there is none). */
export function cpuSeconds(pid) {
	try {
		const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
		return (Number(fields[11]) + Number(fields[12])) / 100;
	} catch {
		return null;
	}
}

/**
 * One screen: follows `streamUrl`, and after each burst of change events fetches `dataUrl` and then `alsoUrls`, handing
 * their text to `onData`. Re-loads never overlap: a change during one asks for another after it.
 */
async function openScreen({ streamUrl, dataUrl, alsoUrls = [], headers, onData, onError }) {
	const controller = new AbortController();
	const response = await fetch(streamUrl, { headers, signal: controller.signal });
	if (response.status !== 200) throw new Error(`event stream answered ${response.status}`);
	let timer = null;
	let loading = false;
	let again = false;
	const reload = async () => {
		timer = null;
		if (loading) return void (again = true);
		loading = true;
		try {
			// As a browser does: the page's data, then what its universal load fetches.
			let text = '';
			for (const url of [dataUrl, ...alsoUrls]) {
				const res = await fetch(url, { headers, signal: controller.signal });
				if (!res.ok) return onError(`re-load answered ${res.status}`);
				text += await res.text();
			}
			onData(text, performance.now());
		} catch (err) {
			if (!controller.signal.aborted) onError(String(err));
		} finally {
			loading = false;
			if (again && !controller.signal.aborted) {
				again = false;
				reload();
			}
		}
	};
	(async () => {
		const reader = response.body.getReader();
		const decoder = new TextDecoder();
		let text = '';
		try {
			for (;;) {
				const { value, done } = await reader.read();
				if (done) return;
				text += decoder.decode(value, { stream: true });
				let end;
				while ((end = text.indexOf('\n\n')) >= 0) {
					const message = text.slice(0, end);
					text = text.slice(end + 2);
					if (/^event: change$/m.test(message)) timer ??= setTimeout(reload, RELOAD_DELAY_MS);
				}
			}
		} catch {
			// Aborted at the end of the run.
		}
	})();
	return () => {
		if (timer) clearTimeout(timer);
		controller.abort();
	};
}

/** Latency summary of changes, each with the times every screen first showed it. */
function summarise(changes, screens) {
	const complete = [];
	let missing = 0;
	for (const c of changes) {
		if (c.sent === null) continue;
		if (c.seen.size < screens) missing += 1;
		else complete.push(Math.max(...c.seen.values()) - c.sent);
	}
	complete.sort((a, b) => a - b);
	return { complete: complete.length, incomplete: missing, p50ms: percentile(complete, 50), p95ms: percentile(complete, 95), maxms: percentile(complete, 100) };
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/**
 * `clients` signed-in screens on the area's map; one edit a second for `seconds` s (an actor renamed by the lead),
 * each re-load being the map layout's and page's data and then the network's drawing, as a browser does. Reports p50/p95 until all screens have each edit, errors, and
 * the server's CPU over the run (`pid`).
 */
/** The cookie of a browser that has run the app's scripts (src/lib/components/live/scripts-cookie.ts). */
export const SCRIPTS_RUN = 'homeward_scripts=1';

export async function measureMapRoom({ origin, cookie, slug, clients = 60, seconds = 30, headers = {}, pid }) {
	// As browsers that run the app's scripts (src/lib/components/live/scripts-cookie.ts): the page's data leaves the drawing out.
	const base = { ...headers, cookie: `${cookie}; ${SCRIPTS_RUN}` };
	const mapPath = `/app/areas/${slug}/map`;
	const start = await (await fetch(`${origin}${mapPath}/network.json`, { headers: base })).json();
	const [actorId, firstVersion] = Object.entries(start.actorVersions)[0];
	const actor = start.actors.find((a) => a.id === actorId);
	const run = Math.random().toString(36).slice(2, 8);
	const marker = new RegExp(`Room edit ${run} (\\d+)`);
	const changes = [];
	let errors = 0;
	const errorKinds = {};
	const onError = (what) => {
		errors += 1;
		errorKinds[what] = (errorKinds[what] ?? 0) + 1;
	};
	const closers = [];
	for (let i = 0; i < clients; i++) {
		const screen = i;
		closers.push(
			await openScreen({
				streamUrl: `${origin}/app/areas/${slug}/events?view=${encodeURIComponent(mapPath)}`,
				// Nodes: root layout, app layout, area layout, map layout, map page; a map change re-runs the last two.
				dataUrl: `${origin}${mapPath}/__data.json?x-sveltekit-invalidated=00011`,
				alsoUrls: [`${origin}${mapPath}/network.json`],
				headers: base,
				onError,
				onData: (text, at) => {
					const m = text.match(marker);
					if (!m) return;
					const shown = Number(m[1]);
					for (const c of changes) if (c.n <= shown && !c.seen.has(screen)) c.seen.set(screen, at);
				}
			})
		);
	}
	const cpuBefore = cpuSeconds(pid);
	const began = performance.now();
	let version = firstVersion;
	for (let n = 0; n < seconds; n++) {
		const due = began + n * 1000;
		await sleep(Math.max(0, due - performance.now()));
		const change = { n, sent: performance.now(), seen: new Map() };
		changes.push(change);
		const body = new URLSearchParams({
			id: actorId,
			version: String(version),
			name: `Room edit ${run} ${n}`,
			sector: actor.sector,
			kind: actor.kind ?? 'organisation',
			audience: actor.audience ?? 'both',
			description: ''
		});
		const response = await fetch(`${origin}${mapPath}?/editActor`, {
			method: 'POST',
			headers: { ...base, origin, accept: 'application/json', 'content-type': 'application/x-www-form-urlencoded', 'x-sveltekit-action': 'true' },
			body
		}).catch((err) => err);
		const result = response instanceof Error ? null : await response.json().catch(() => null);
		if (result?.type === 'success') version += 1;
		else {
			onError(`edit refused (${response.status ?? response.cause?.code ?? response.message} ${result?.type ?? ''})`);
			change.sent = null;
		}
	}
	// Every screen's last re-load, or the timeout.
	const deadline = performance.now() + SEEN_TIMEOUT_MS;
	while (performance.now() < deadline && changes.some((c) => c.sent !== null && c.seen.size < clients)) await sleep(50);
	const elapsed = (performance.now() - began) / 1000;
	const cpuAfter = cpuSeconds(pid);
	for (const close of closers) close();
	const summary = summarise(changes, clients);
	return {
		clients,
		edits: changes.length,
		...summary,
		errors: errors + summary.incomplete,
		errorKinds,
		serverCpuCores: cpuBefore === null ? null : Number(((cpuAfter - cpuBefore) / elapsed).toFixed(2)),
		serverCpuMsPerEdit: cpuBefore === null ? null : Math.round(((cpuAfter - cpuBefore) * 1000) / changes.length)
	};
}

/** Letters for a number (a note's text must not look like a phone number or postcode to the identifier check). */
const letters = (n) => {
	let s = '';
	do {
		s = String.fromCharCode(97 + (n % 26)) + s;
		n = Math.floor(n / 26);
	} while (n > 0);
	return s;
};

/** Today's date in London and the current hour there, as the room form takes them. */
const londonDate = () => new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London' }).format(new Date());
const londonHour = () => Number(new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/London', hour: '2-digit', hourCycle: 'h23' }).format(new Date()));
const two = (n) => String(n).padStart(2, '0');

/**
 * A lead opens a workshop room in the area; `guests` join it by code (each from its own address, no account) and
 * follow its events; over `seconds` s each leaves one sticky note. Reports p50/p95 until every guest's screen shows
 * each note, errors, and the server's CPU.
 */
export async function measureGuestRoom({ origin, cookie, slug, guests = 80, seconds = 30, headers = {}, pid }) {
	const staff = { ...headers, cookie, origin };
	const opened = await fetch(`${origin}/app/areas/${slug}/rooms?/open`, {
		method: 'POST',
		redirect: 'manual',
		headers: { ...staff, accept: 'text/html', 'content-type': 'application/x-www-form-urlencoded' },
		// Open from the start of this hour for two hours (a room lasts a few hours at most).
		body: new URLSearchParams({
			title: `Bench room ${Date.now()}`,
			date: londonDate(),
			startTime: `${two(londonHour())}:00`,
			endTime: londonHour() >= 22 ? '23:59' : `${two(londonHour() + 2)}:00`
		})
	});
	const roomPage = opened.headers.get('location');
	if (opened.status !== 303 || !roomPage) throw new Error(`opening a room answered ${opened.status}: ${(await opened.text()).slice(0, 300)}`);
	const html = await (await fetch(new URL(roomPage, origin), { headers: staff })).text();
	const code = html.match(/\/w\/([A-Z0-9]{6})/)?.[1];
	if (!code) throw new Error('no join code on the room page');

	const run = letters(Math.floor(Math.random() * 26 ** 4));
	const marker = new RegExp(`Bench idea ${run} ([a-z]+)\\b`, 'g');
	const notes = new Map();
	let errors = 0;
	const errorKinds = {};
	const onError = (what) => {
		errors += 1;
		errorKinds[what] = (errorKinds[what] ?? 0) + 1;
	};
	const people = [];
	for (let i = 0; i < guests; i++) {
		const address = { 'x-forwarded-for': `10.9.${(i >> 8) & 255}.${i & 255}` };
		const joined = await fetch(`${origin}/w/${code}?/join`, {
			method: 'POST',
			redirect: 'manual',
			headers: { ...address, origin, accept: 'text/html', 'content-type': 'application/x-www-form-urlencoded' },
			body: new URLSearchParams({ displayName: `Guest ${letters(i)}`, organisation: 'Benchshire Council' })
		});
		const guestCookie = joined.headers.get('set-cookie')?.split(';')[0];
		if (joined.status !== 303 || !guestCookie) throw new Error(`guest ${i} could not join (${joined.status})`);
		people.push({ headers: { ...address, cookie: guestCookie } });
	}
	const closers = [];
	for (const [screen, person] of people.entries()) {
		closers.push(
			await openScreen({
				streamUrl: `${origin}/w/${code}/events`,
				// Nodes: root layout, the room's layout (the presentation), what notes can be on, the room page; a note
				// re-runs the page alone.
				dataUrl: `${origin}/w/${code}/__data.json?x-sveltekit-invalidated=0001`,
				headers: person.headers,
				onError,
				onData: (text, at) => {
					for (const m of text.matchAll(marker)) {
						const note = notes.get(m[1]);
						if (note && !note.seen.has(screen)) note.seen.set(screen, at);
					}
				}
			})
		);
	}
	const cpuBefore = cpuSeconds(pid);
	const began = performance.now();
	const spacing = (seconds * 1000) / guests;
	await Promise.all(
		people.map(async (person, i) => {
			await sleep(i * spacing);
			const key = letters(i);
			const note = { sent: performance.now(), seen: new Map() };
			notes.set(key, note);
			const response = await fetch(`${origin}/w/${code}?/note`, {
				method: 'POST',
				headers: { ...person.headers, origin, accept: 'application/json', 'content-type': 'application/x-www-form-urlencoded', 'x-sveltekit-action': 'true' },
				body: new URLSearchParams({ kind: 'idea', target: 'stage:before', text: `Bench idea ${run} ${key}` })
			}).catch((err) => err);
			const result = response instanceof Error ? null : await response.json().catch(() => null);
			if (result?.type !== 'success') {
				onError(`note refused (${response.status ?? response.cause?.code ?? response.message} ${result?.type ?? ''})`);
				note.sent = null;
			}
		})
	);
	const deadline = performance.now() + SEEN_TIMEOUT_MS;
	while (performance.now() < deadline && [...notes.values()].some((n) => n.sent !== null && n.seen.size < guests)) await sleep(50);
	const elapsed = (performance.now() - began) / 1000;
	const cpuAfter = cpuSeconds(pid);
	for (const close of closers) close();
	const summary = summarise([...notes.values()], guests);
	return {
		guests,
		notes: notes.size,
		...summary,
		errors: errors + summary.incomplete,
		errorKinds,
		serverCpuCores: cpuBefore === null ? null : Number(((cpuAfter - cpuBefore) / elapsed).toFixed(2))
	};
}

// Start-up and shutdown of the process: open the database, seed the demo when asked, close cleanly on SIGTERM.
import { closeDatabase, databaseKind, openDatabase, refreshStatistics } from '$lib/server/db';
import { config } from '$lib/server/config';
import { seedDemo } from '$lib/server/seed';
import { welcome } from '$lib/server/welcome.js';
import { log } from '$lib/server/log';
import { startMailWorker } from '$lib/server/mail/worker';
import { startBookingJobs } from '$lib/server/bookings/jobs';
import { RETENTION_INTERVAL_MS, runRetention } from '$lib/server/retention';
import { startHeroJobs } from '$lib/server/heroes/jobs';
import { startActionJobs } from '$lib/server/actions/jobs';
import { startHydraClock } from '$lib/server/hydra/clock';
import { startRealtime } from '$lib/server/realtime';
import { closeAllStreams } from '$lib/server/realtime/stream';

const state = { shuttingDown: false, started: false };

export function isShuttingDown() {
	return state.shuttingDown;
}

export async function start() {
	if (state.started) return;
	state.started = true;
	const started = Date.now();
	await openDatabase();
	const kind = databaseKind();
	log.info({ database: kind, ms: Date.now() - started }, 'database open and migrated');
	if (config.demoSeed === 'true' || (config.demoSeed === 'auto' && kind === 'pglite')) {
		const seeded = await seedDemo();
		// Printed, not logged: the one place the demo password appears, once, for the person starting the demo. The
		// server (scripts/server.js) takes it to print after it starts listening, as the last thing on the screen;
		// without that server (`vite dev`) it is printed here.
		if (!process.emit('homeward:seeded', seeded) && seeded) console.log(await welcome({ seeded, orgName: config.orgName }));
	}
	await refreshStatistics();
	// Housekeeping: the retention periods (expired sessions, rate-limit counts, personal data past its time) and the
	// planner's statistics. Each instance ticks; the retention job's advisory lock lets one of them do that work.
	const tidy = () =>
		Promise.all([
			runRetention().then((removed) => removed && log.info({ removed }, 'retention applied')),
			refreshStatistics()
		]).catch((err) => log.error({ err }, 'housekeeping failed'));
	const housekeeping = setInterval(tidy, RETENTION_INTERVAL_MS);
	housekeeping.unref();
	const firstTidy = setTimeout(tidy, 60_000);
	firstTidy.unref();
	const workers = [startMailWorker(), startBookingJobs(), startHeroJobs(), startActionJobs(), startHydraClock(), await startRealtime()];

	// Resolves once the workers have finished what they were doing, so the database is not closed under a send. A
	// signal and the server's own shutdown event both ask; they share one stop, and a worker that fails to stop is
	// logged rather than crashing the exit.
	let stopping: Promise<void> | null = null;
	const stop = () =>
		(stopping ??= (async () => {
			state.shuttingDown = true;
			clearInterval(housekeeping);
			clearTimeout(firstTidy);
			// Open event streams would hold the server open: end them, and browsers reconnect elsewhere.
			closeAllStreams();
			const results = await Promise.allSettled(workers.splice(0).map((stopWorker) => stopWorker()));
			for (const result of results) if (result.status === 'rejected') log.warn({ err: result.reason }, 'a worker did not stop cleanly');
		})());
	process.once('SIGTERM', stop);
	process.once('SIGINT', stop);
	// adapter-node emits this once the server has stopped taking requests.
	process.once('sveltekit:shutdown', async () => {
		await stop();
		await closeDatabase();
		log.info('database closed');
	});
}

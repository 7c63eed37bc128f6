// Start-up and shutdown of the process: open the database, seed the demo when asked, close cleanly on SIGTERM.
import { closeDatabase, databaseKind, openDatabase, refreshStatistics } from '$lib/server/db';
import { config } from '$lib/server/config';
import { describeLogins, seedDemo } from '$lib/server/seed';
import { deleteExpiredSessions } from '$lib/server/auth/session';
import { pruneHits } from '$lib/server/auth/rate-limit';
import { log } from '$lib/server/log';
import { startMailWorker } from '$lib/server/mail/worker';
import { startBookingJobs } from '$lib/server/bookings/jobs';
import { purgeHandledSightings, purgeSubscribers } from '$lib/server/heroes';
import { startHeroJobs } from '$lib/server/heroes/jobs';
import { startActionJobs } from '$lib/server/actions/jobs';

const state = { shuttingDown: false, started: false };
const HOUR = 60 * 60 * 1000;

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
		// Printed, not logged: the one place the demo password appears, once, for the person starting the demo.
		if (seeded) console.log(`\n${describeLogins(seeded)}\n`);
	}
	await refreshStatistics();
	const housekeeping = setInterval(() => {
		Promise.all([
			deleteExpiredSessions(),
			pruneHits(),
			purgeHandledSightings(config.sightingRetentionDays),
			purgeSubscribers(),
			refreshStatistics()
		]).catch((err) => log.error({ err }, 'housekeeping failed'));
	}, HOUR);
	housekeeping.unref();
	const workers = [startMailWorker(), startBookingJobs(), startHeroJobs(), startActionJobs()];

	// Resolves once the workers have finished what they were doing, so the database is not closed under a send.
	const stop = () => {
		state.shuttingDown = true;
		clearInterval(housekeeping);
		return Promise.all(workers.splice(0).map((stopWorker) => stopWorker()));
	};
	process.once('SIGTERM', stop);
	process.once('SIGINT', stop);
	// adapter-node emits this once the server has stopped taking requests.
	process.once('sveltekit:shutdown', async () => {
		await stop();
		await closeDatabase();
		log.info('database closed');
	});
}

// Scheduled work for action plans: the weekly reminder, checked every 15 minutes and sent once per week whichever instance
// gets there first.
import { log } from '$lib/server/log';
import { sendActionDigests } from './digest';

export function startActionJobs() {
	const digest = setInterval(() => {
		sendActionDigests().catch((err) => log.error({ err }, 'action digest failed'));
	}, 15 * 60_000);
	digest.unref();
	return () => clearInterval(digest);
}

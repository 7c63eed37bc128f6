// Scheduled work for Digital Search Heroes: the appeal digest, every APPEAL_DIGEST_MINUTES.
import { config } from '$lib/server/config';
import { log } from '$lib/server/log';
import { sendAppealDigests } from './appeals';

export function startHeroJobs() {
	const digest = setInterval(() => {
		sendAppealDigests().catch((err) => log.error({ err }, 'appeal digest failed'));
	}, config.appealDigestMinutes * 60_000);
	digest.unref();
	return () => clearInterval(digest);
}

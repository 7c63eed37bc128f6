// Scheduled work for bookings: the 24-hour reminders (every 5 minutes) and the retention purge (hourly).
import { log } from '$lib/server/log';
import { anonymiseStale, sendReminders } from './index';

export function startBookingJobs() {
	const reminders = setInterval(() => {
		sendReminders().catch((err) => log.error({ err }, 'booking reminders failed'));
	}, 5 * 60_000);
	const retention = setInterval(() => {
		anonymiseStale().catch((err) => log.error({ err }, 'booking anonymisation failed'));
	}, 60 * 60_000);
	reminders.unref();
	retention.unref();
	return () => {
		clearInterval(reminders);
		clearInterval(retention);
	};
}

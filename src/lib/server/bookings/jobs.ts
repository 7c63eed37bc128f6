// Scheduled work for bookings: the 24-hour reminders (every 5 minutes). Leads' details are anonymised by the
// retention job ($lib/server/retention, kind `booking-contacts`).
import { log } from '$lib/server/log';
import { sendReminders } from './index';

export function startBookingJobs() {
	const reminders = setInterval(() => {
		sendReminders().catch((err) => log.error({ err }, 'booking reminders failed'));
	}, 5 * 60_000);
	reminders.unref();
	return () => {
		clearInterval(reminders);
	};
}

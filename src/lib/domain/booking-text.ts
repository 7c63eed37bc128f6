// The words a lead reads about their booking (emails and pages): when it is, and what they can still do about it.
import { formatDate } from './dates';
import { canSelfServe } from './bookings';
import { londonTime, londonZoneName, timeRange } from './slots';

/** "25 March 2027, 10:00 to 10:45 (GMT, UK time)"; across a clock change each end names its own zone. */
export function whenText(start: Date, end: Date) {
	const zone = londonZoneName(start);
	return zone === londonZoneName(end)
		? `${formatDate(start)}, ${londonTime(start)} to ${londonTime(end)} (${zone}, UK time)`
		: `${formatDate(start)}, ${timeRange(start, end)} (UK time)`;
}

const hours = (n: number) => `${n} ${n === 1 ? 'hour' : 'hours'}`;

/**
 * What a lead may still do, as email lines: while a change is allowed, how (the manage link when this email carries
 * it, else the confirmation's) and until when; once it is too late, say so instead of promising what has passed.
 */
export function manageLines(input: { startsAt: Date; now: Date; cutoffHours: number; manageUrl?: string }): string[] {
	const open = canSelfServe('confirmed', input.startsAt, input.now, input.cutoffHours);
	const until = `until ${hours(input.cutoffHours)} before it starts`;
	if (open) {
		return input.manageUrl
			? [`To see, move or cancel this booking (${until}), open:`, input.manageUrl]
			: [`Use the link in your confirmation email to see, move or cancel this booking (${until}).`];
	}
	const late = `It is now less than ${hours(input.cutoffHours)} before the start, too late to move or cancel this booking online: if you need to, reply to this email.`;
	return input.manageUrl ? [late, 'To see the booking, open:', input.manageUrl] : [late];
}

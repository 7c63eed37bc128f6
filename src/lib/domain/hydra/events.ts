// When a scheduled Hydra session happens, as its pages label it. Pure: no I/O.
import { formatDate } from '../dates';
import { timeRange } from '../slots';

/**
 * A session's day and times in the UK: each end in its own zone when the clocks change during it (a session from
 * 00:30 BST to 01:30 GMT on 31 October), otherwise the zone once.
 */
export function sessionWhen(event: { startsAt: Date; endsAt: Date }) {
	return { date: formatDate(event.startsAt), times: timeRange(event.startsAt, event.endsAt) };
}

// Slots shaped for the pickers: grouped by London day, with the labels the page shows (no Date maths in Svelte).
import { groupByDay, timeRange, type Slot } from './slots';

export interface SlotOption {
	value: string;
	label: string;
	/** Start and end instants, for the visitor's own time zone added in the browser. */
	start: string;
	end: string;
}

export function slotDays(slots: Slot[], days = 6, after?: string) {
	const grouped = groupByDay(slots).filter((d) => !after || d.date > after);
	const shown = grouped.slice(0, days);
	return {
		days: shown.map((d) => ({
			date: d.date,
			label: d.label,
			slots: d.slots.map(
				(s): SlotOption => ({
					value: s.start.toISOString(),
					label: timeRange(s.start, s.end),
					start: s.start.toISOString(),
					end: s.end.toISOString()
				})
			)
		})),
		more: grouped.length > shown.length ? shown.at(-1)!.date : null
	};
}

// How a handoff's rating is drawn: broken and absent stand out by colour, thickness and dash, never colour alone.
import type { Rating } from '$lib/domain/map/enums';

export const RATING_STYLE: Record<Rating, { stroke: string; width: number; dash: string | null; linecap: 'butt' | 'round' }> = {
	working: { stroke: '#3f6f52', width: 1.6, dash: null, linecap: 'butt' },
	patchy: { stroke: '#7a4a00', width: 2.2, dash: '8 5', linecap: 'butt' },
	broken: { stroke: '#b3141b', width: 3.6, dash: '14 4 3 4', linecap: 'butt' },
	absent: { stroke: '#b3141b', width: 3.6, dash: '1 7', linecap: 'round' }
};

/** Highlights for a snapshot comparison. */
export const MARK_STYLE = {
	added: { stroke: '#0b4a7a', label: 'Added' },
	changed: { stroke: '#9a3412', label: 'Changed' }
} as const;

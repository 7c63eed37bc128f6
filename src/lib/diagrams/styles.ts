// How a handoff's rating is drawn: broken and absent stand out by colour, thickness and dash, never colour alone.
import type { Rating, Sector, Stage } from '$lib/domain/map/enums';
import { SECTOR_STYLE } from './shapes';

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

/**
 * Node fills for an actor colouring's keys (see actorColours), each dark enough for the white sector letters (4.5:1).
 * Rating: four distinct hues, absent near black (nothing there); stage: a hue per stage; grey for no handoffs.
 */
const RATING_FILL: Record<Rating, string> = { working: '#2e6b45', patchy: '#7a4a00', broken: '#b3141b', absent: '#1a1f24' };
const STAGE_FILL: Record<Stage, string> = { before: '#0b4a7a', during: '#6a1b9a', return: '#00695c', after: '#9a3412', repeat: '#455a64' };
export function fillOf(key: string): string {
	const [kind, value] = key.split(':');
	if (kind === 'rating') return RATING_FILL[value as Rating] ?? '#6b7680';
	if (kind === 'stage') return STAGE_FILL[value as Stage] ?? '#6b7680';
	if (kind === 'sector') return SECTOR_STYLE[value as Sector]?.colour ?? '#6b7680';
	return '#6b7680';
}

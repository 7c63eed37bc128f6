// Workshop surveys of mental models: the agreement scale and the arithmetic of results (distribution, mean, the shift
// between two rounds, and the sector breakdown that hides groups too small to stay anonymous). Pure: no I/O.
import { SECTORS, SECTOR_LABELS, type Sector } from './map/enums';

/** 1 = strongly disagree ... 5 = strongly agree. Agreeing means the model is held. */
export const SCORES = [1, 2, 3, 4, 5] as const;
export type Score = (typeof SCORES)[number];
export const SCORE_LABELS: Record<Score, string> = {
	1: 'Strongly disagree',
	2: 'Disagree',
	3: 'Neither agree nor disagree',
	4: 'Agree',
	5: 'Strongly agree'
};

/** A sector breakdown shows only sectors with at least this many responses, so nobody can be picked out. */
export const SECTOR_MIN_RESPONSES = 5;

/** The sectors a participant may choose from (the person who goes missing is not a workshop sector). */
export const PARTICIPANT_SECTORS = SECTORS.filter((s) => s !== 'person') as Exclude<Sector, 'person'>[];
export const PARTICIPANT_SECTOR_LABELS = SECTOR_LABELS;

export const ROUND_STATUSES = ['open', 'closed'] as const;
export type RoundStatus = (typeof ROUND_STATUSES)[number];

export interface Summary {
	n: number;
	/** counts[0] is the number of 1s, counts[4] the number of 5s. */
	counts: [number, number, number, number, number];
	/** null when nobody answered. */
	mean: number | null;
	/** Share who agree or strongly agree (4 or 5), 0 to 1; null when nobody answered. */
	agreeShare: number | null;
}

export const isScore = (value: number): value is Score => Number.isInteger(value) && value >= 1 && value <= 5;

/** Distribution, mean and n of one statement's scores; anything outside 1..5 is a programming error. */
export function summarise(scores: readonly number[]): Summary {
	const counts: Summary['counts'] = [0, 0, 0, 0, 0];
	let total = 0;
	for (const s of scores) {
		if (!isScore(s)) throw new RangeError(`A score must be a whole number from 1 to 5, not ${s}.`);
		counts[s - 1] += 1;
		total += s;
	}
	const n = scores.length;
	return {
		n,
		counts,
		mean: n ? total / n : null,
		agreeShare: n ? (counts[3] + counts[4]) / n : null
	};
}

/** How far the mean moved from one round to a later one (negative: the model is held less); null without both. */
export function shiftOf(before: Summary | null | undefined, after: Summary | null | undefined): number | null {
	if (!before || !after || before.mean === null || after.mean === null) return null;
	return after.mean - before.mean;
}

/** "2.6", "no answers": a mean as shown beside a chart. */
export function formatMean(mean: number | null): string {
	return mean === null ? 'no answers' : mean.toFixed(1);
}

/** "−0.8 (held less)", "+0.3 (held more)", "no change": a shift in words, never by colour alone. */
export function describeShift(shift: number | null): string {
	if (shift === null) return 'not comparable';
	const rounded = Math.round(shift * 10) / 10;
	if (rounded === 0) return 'no change';
	const sign = rounded > 0 ? '+' : '−';
	return `${sign}${Math.abs(rounded).toFixed(1)} (${rounded > 0 ? 'held more' : 'held less'})`;
}

export interface ResponseScores<S extends string = string> {
	sector: S | null;
	/** Score by statement id; a statement may be unanswered. */
	scores: Record<string, number>;
}

export interface SectorGroup<S extends string = string> {
	sector: S;
	responses: number;
	/** Summary by statement id. */
	byStatement: Record<string, Summary>;
}

export interface SectorBreakdown<S extends string = string> {
	shown: SectorGroup<S>[];
	/** Responses in no shown group (no sector given, or a group too small to show). */
	hiddenResponses: number;
}

/**
 * Results by sector, keeping respondents anonymous: a sector is shown only with at least SECTOR_MIN_RESPONSES
 * responses. Because the overall results are shown too, the responses left out must not number 1 to 4 either (the
 * overall minus the shown sectors would give them away): then the smallest shown sector is held back as well.
 */
export function sectorBreakdown<S extends string>(responses: readonly ResponseScores<S>[], statementIds: readonly string[]): SectorBreakdown<S> {
	const bySector = new Map<S, ResponseScores<S>[]>();
	for (const r of responses) {
		if (r.sector === null) continue;
		const list = bySector.get(r.sector) ?? [];
		list.push(r);
		bySector.set(r.sector, list);
	}
	let shown = [...bySector.entries()]
		.filter(([, list]) => list.length >= SECTOR_MIN_RESPONSES)
		.sort((a, b) => b[1].length - a[1].length || a[0].localeCompare(b[0]));
	const hidden = () => responses.length - shown.reduce((sum, [, list]) => sum + list.length, 0);
	while (shown.length > 0 && hidden() > 0 && hidden() < SECTOR_MIN_RESPONSES) shown = shown.slice(0, -1);
	return {
		shown: shown.map(([sector, list]) => ({
			sector,
			responses: list.length,
			byStatement: Object.fromEntries(
				statementIds.map((id) => [id, summarise(list.map((r) => r.scores[id]).filter((s): s is number => s !== undefined))])
			)
		})),
		hiddenResponses: hidden()
	};
}

/** A round's label as facilitators name them: "Baseline", then "Follow-up 1", "Follow-up 2", ... */
export function suggestRoundLabel(existing: readonly string[]): string {
	if (existing.length === 0) return 'Baseline';
	const taken = new Set(existing.map((l) => l.trim().toLowerCase()));
	for (let i = 1; ; i++) if (!taken.has(`follow-up ${i}`)) return `Follow-up ${i}`;
}

/** Short survey codes: 10 characters of lower-case base32 (50 random bits; with the rate limit, not guessable). */
export const CODE_LENGTH = 10;
export const CODE_PATTERN = /^[a-z2-7]{10}$/;

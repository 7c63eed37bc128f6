// The theory of change: its kinds of step, the acyclic "leads to" rule, the paths from a step up to the impact, and
// indicators' progress and status. Pure, so the pages, the PDF and the tests share one definition.

/** From the top of the diagram to the bottom: impact at the top, inputs at the bottom. */
export const TOC_KINDS = [
	'impact',
	'long_term_outcome',
	'intermediate_outcome',
	'short_term_outcome',
	'output',
	'activity',
	'input'
] as const;
export type TocKind = (typeof TOC_KINDS)[number];

export const TOC_KIND_LABELS: Record<TocKind, string> = {
	impact: 'Impact',
	long_term_outcome: 'Long-term outcome',
	intermediate_outcome: 'Intermediate outcome',
	short_term_outcome: 'Short-term outcome',
	output: 'Output',
	activity: 'Activity',
	input: 'Input'
};

export const TOC_KIND_PLURALS: Record<TocKind, string> = {
	impact: 'Impact',
	long_term_outcome: 'Long-term outcomes',
	intermediate_outcome: 'Intermediate outcomes',
	short_term_outcome: 'Short-term outcomes',
	output: 'Outputs',
	activity: 'Activities',
	input: 'Inputs'
};

/** 0 for impact (the top band) to 6 for inputs (the bottom band). */
export const kindRank = (kind: TocKind) => TOC_KINDS.indexOf(kind);

/** The steps whose change is measured: they should carry at least one indicator. */
export const MEASURED_KINDS: readonly TocKind[] = ['impact', 'long_term_outcome', 'intermediate_outcome', 'short_term_outcome'];
export const isMeasured = (kind: TocKind) => MEASURED_KINDS.includes(kind);

/** The steps that partners carry out: each should have an action in the plan that delivers it. */
export const ACTIONED_KINDS: readonly TocKind[] = ['activity'];
export const needsAction = (kind: TocKind) => ACTIONED_KINDS.includes(kind);

export interface TocEdge {
	from: string;
	to: string;
}

function successors(links: readonly TocEdge[]) {
	const out = new Map<string, string[]>();
	for (const l of links) {
		const list = out.get(l.from) ?? [];
		list.push(l.to);
		out.set(l.from, list);
	}
	return out;
}

/**
 * Links lead upward: from a lower band to a higher one (an activity to an output, an outcome to the impact). Within a
 * band only outcomes may lead to one another, because the method reads outcomes as a chain (one short-term change
 * brings about another); steps in the other bands are alternatives side by side, so a sideways link there says
 * nothing. Returns why a link `from -> to` breaks the rule, in words, or null when it keeps it.
 */
export function linkDirectionError(from: { kind: TocKind; title: string }, to: { kind: TocKind; title: string }): string | null {
	const [a, b] = [kindRank(from.kind), kindRank(to.kind)];
	if (b < a) return null;
	if (b === a && OUTCOME_KINDS.includes(from.kind)) return null;
	if (b === a)
		return `“${from.title}” and “${to.title}” are both ${TOC_KIND_PLURALS[from.kind].toLowerCase()}: only outcomes may lead to a step in their own band. Link each to a step above it instead.`;
	return `A link leads upward, from a lower step to a higher one: “${from.title}” (${TOC_KIND_LABELS[from.kind].toLowerCase()}) sits above “${to.title}” (${TOC_KIND_LABELS[to.kind].toLowerCase()}). Make the link from “${to.title}” to “${from.title}” instead.`;
}

/** The steps with no link in or out, in the order given: a warning, since an unlinked step takes no part in the theory. */
export function isolatedSteps<N extends { id: string }>(nodes: readonly N[], links: readonly TocEdge[]): N[] {
	const linked = new Set(links.flatMap((l) => [l.from, l.to]));
	return nodes.filter((n) => !linked.has(n.id));
}

/**
 * The cycle that a new link `from -> to` would close, as the node ids in order starting and ending at `from`
 * (e.g. [A, B, C, A] for "A -> B -> C -> A"), or null when the graph stays acyclic. A self-link is the cycle [A, A].
 * Breadth-first, so the cycle named is a shortest one.
 */
export function cycleThrough(links: readonly TocEdge[], from: string, to: string): string[] | null {
	if (from === to) return [from, from];
	const next = successors(links);
	const cameFrom = new Map<string, string>([[to, to]]);
	const queue = [to];
	while (queue.length) {
		const current = queue.shift()!;
		if (current === from) {
			// Walk back from `from` to `to`, then read it forwards: from -> to -> ... -> from.
			const back: string[] = [];
			for (let n = from; n !== to; n = cameFrom.get(n)!) back.push(n);
			back.push(to);
			return [from, ...back.reverse()];
		}
		for (const n of next.get(current) ?? []) {
			if (!cameFrom.has(n)) {
				cameFrom.set(n, current);
				queue.push(n);
			}
		}
	}
	return null;
}

/** Any cycle in the whole graph (for checks of imported or seeded data), as in `cycleThrough`, or null. */
export function findCycle(links: readonly TocEdge[]): string[] | null {
	for (let i = 0; i < links.length; i++) {
		const cycle = cycleThrough(links.slice(0, i), links[i].from, links[i].to);
		if (cycle) return cycle;
	}
	return null;
}

/** "A → B → C → A" from a cycle's ids and the nodes' titles. */
export function describeCycle(cycle: readonly string[], titleOf: (id: string) => string): string {
	return cycle.map(titleOf).join(' → ');
}

/**
 * Every step and link on a path from `start` up to the impact: the steps `start` leads to, directly or not, and the
 * links between them that lie on a path ending at an impact step. When nothing it leads to is an impact, every path
 * onward from it is shown instead, so a pathway not yet joined to the impact still lights up.
 */
export function pathsUp<L extends TocEdge & { id: string }>(
	nodes: readonly { id: string; kind: TocKind }[],
	links: readonly L[],
	start: string
): { nodeIds: Set<string>; linkIds: Set<string> } {
	const next = successors(links);
	const reached = new Set([start]);
	const stack = [start];
	while (stack.length) for (const n of next.get(stack.pop()!) ?? []) if (!reached.has(n)) reached.add(n), stack.push(n);
	const impacts = new Set(nodes.filter((n) => n.kind === 'impact' && reached.has(n.id)).map((n) => n.id));
	if (impacts.size === 0)
		return { nodeIds: reached, linkIds: new Set(links.filter((l) => reached.has(l.from)).map((l) => l.id)) };
	// Which of the reached steps can still get to an impact: walk back from the impacts inside the reached set.
	const previous = new Map<string, string[]>();
	for (const l of links) if (reached.has(l.from) && reached.has(l.to)) previous.set(l.to, [...(previous.get(l.to) ?? []), l.from]);
	const onPath = new Set(impacts);
	const back = [...impacts];
	while (back.length) for (const n of previous.get(back.pop()!) ?? []) if (!onPath.has(n)) onPath.add(n), back.push(n);
	return {
		nodeIds: onPath,
		linkIds: new Set(links.filter((l) => onPath.has(l.from) && onPath.has(l.to)).map((l) => l.id))
	};
}

/**
 * The theory of change split into pathways, for a picture too large to read whole on paper: one per long-term outcome
 * (or per intermediate outcome where there is no long-term one), holding every step that leads up to it, directly or
 * not, the outcome itself and the steps it leads to, with the links among them. A step on several pathways is drawn
 * in each. Steps on no pathway (unlinked ones) are left out: they are listed as warnings. In the order given.
 */
export function pathwaysOf<N extends { id: string; kind: TocKind }, L extends TocEdge & { id: string }>(
	nodes: readonly N[],
	links: readonly L[]
): { outcome: N; nodeIds: Set<string>; linkIds: Set<string> }[] {
	const kind = (['long_term_outcome', 'intermediate_outcome'] as const).find((k) => nodes.some((n) => n.kind === k));
	if (!kind) return [];
	const walk = (start: string, step: Map<string, string[]>) => {
		const reached = new Set([start]);
		const stack = [start];
		while (stack.length) for (const n of step.get(stack.pop()!) ?? []) if (!reached.has(n)) reached.add(n), stack.push(n);
		return reached;
	};
	const up = successors(links);
	const down = successors(links.map((l) => ({ from: l.to, to: l.from })));
	return nodes
		.filter((n) => n.kind === kind)
		.map((outcome) => {
			const nodeIds = new Set([...walk(outcome.id, down), ...walk(outcome.id, up)]);
			return { outcome, nodeIds, linkIds: new Set(links.filter((l) => nodeIds.has(l.from) && nodeIds.has(l.to)).map((l) => l.id)) };
		});
}

/** The outcome kinds an action plan works toward (the impact is what they add up to). */
export const OUTCOME_KINDS: readonly TocKind[] = ['long_term_outcome', 'intermediate_outcome', 'short_term_outcome'];

/**
 * The outcomes no action works toward: no step with a live action leads to them, directly or through other steps,
 * and no live action is linked to them itself. In the order given.
 */
export function outcomesWithoutAction<N extends { id: string; kind: TocKind }>(nodes: readonly N[], links: readonly TocEdge[], actioned: ReadonlySet<string>): N[] {
	const next = successors(links);
	const reached = new Set(actioned);
	const stack = [...actioned];
	while (stack.length) for (const n of next.get(stack.pop()!) ?? []) if (!reached.has(n)) reached.add(n), stack.push(n);
	return nodes.filter((n) => OUTCOME_KINDS.includes(n.kind) && !reached.has(n.id));
}

// Indicators ----------------------------------------------------------------------------------------------------

export const DIRECTIONS = ['up', 'down'] as const;
export type Direction = (typeof DIRECTIONS)[number];
export const DIRECTION_LABELS: Record<Direction, string> = { up: 'Higher is better', down: 'Lower is better' };

export const FREQUENCIES = ['monthly', 'quarterly', 'six_monthly', 'yearly'] as const;
export type Frequency = (typeof FREQUENCIES)[number];
export const FREQUENCY_LABELS: Record<Frequency, string> = {
	monthly: 'Monthly',
	quarterly: 'Quarterly',
	six_monthly: 'Every six months',
	yearly: 'Yearly'
};

export const INDICATOR_STATUSES = ['achieved', 'on_track', 'off_track', 'no_data'] as const;
export type IndicatorStatus = (typeof INDICATOR_STATUSES)[number];
export const INDICATOR_STATUS_LABELS: Record<IndicatorStatus, string> = {
	achieved: 'Target reached',
	on_track: 'On track',
	off_track: 'Off track',
	no_data: 'No readings yet'
};

export interface IndicatorPlan {
	direction: Direction;
	baselineValue: number;
	baselineDate: string;
	targetValue: number;
	targetDate: string;
}

export interface Reading {
	date: string;
	value: number;
}

const dayNumber = (iso: string) => Date.parse(`${iso}T00:00:00Z`) / 86_400_000;

/**
 * The rules an indicator's plan must keep, as field -> message: the target lies on the better side of the baseline
 * (above it when higher is better, below it when lower is better) and is dated after it.
 */
export function planErrors(plan: IndicatorPlan): Record<string, string> {
	const errors: Record<string, string> = {};
	if (plan.direction === 'up' && !(plan.targetValue > plan.baselineValue))
		errors.targetValue = 'Higher is better, so the target must be above the baseline.';
	if (plan.direction === 'down' && !(plan.targetValue < plan.baselineValue))
		errors.targetValue = 'Lower is better, so the target must be below the baseline.';
	if (!(dayNumber(plan.targetDate) > dayNumber(plan.baselineDate))) errors.targetDate = 'The target date must be after the baseline date.';
	return errors;
}

/** The latest reading by date (ties: the later one in the list), or null. */
export function latestReading<R extends Reading>(readings: readonly R[]): R | null {
	let latest: R | null = null;
	for (const r of readings) if (!latest || r.date >= latest.date) latest = r;
	return latest;
}

/**
 * How far a value has moved from the baseline toward the target: 0 at the baseline, 1 at the target, negative when it
 * moved the wrong way, above 1 past the target. The same formula serves both directions because the target sits on
 * the better side of the baseline.
 */
export function progressOf(plan: IndicatorPlan, value: number): number {
	return (value - plan.baselineValue) / (plan.targetValue - plan.baselineValue);
}

/** The share of the way from baseline to target that a straight line would have covered by `date` (0 to 1). */
export function expectedProgress(plan: IndicatorPlan, date: string): number {
	const span = dayNumber(plan.targetDate) - dayNumber(plan.baselineDate);
	return Math.min(1, Math.max(0, (dayNumber(date) - dayNumber(plan.baselineDate)) / span));
}

export interface IndicatorProgress {
	status: IndicatorStatus;
	/** Progress of the latest reading (see progressOf), or null without readings. */
	progress: number | null;
	/** Where a straight line from baseline to target stood on the latest reading's date. */
	expected: number | null;
	latest: Reading | null;
}

/**
 * Status from the latest reading:
 * - no readings: no data;
 * - at or past the target (in the better direction): target reached;
 * - at or ahead of a straight line from baseline to target on the reading's date: on track;
 * - otherwise (behind the line, moving the wrong way, or the target date passed unmet): off track.
 */
export function indicatorProgress(plan: IndicatorPlan, readings: readonly Reading[]): IndicatorProgress {
	const latest = latestReading(readings);
	if (!latest) return { status: 'no_data', progress: null, expected: null, latest: null };
	const progress = progressOf(plan, latest.value);
	const expected = expectedProgress(plan, latest.date);
	const status: IndicatorStatus = progress >= 1 ? 'achieved' : progress >= expected ? 'on_track' : 'off_track';
	return { status, progress, expected, latest: { date: latest.date, value: latest.value } };
}

/** "45%" for a progress share, whole percent, or an empty string for null. */
export const percentText = (share: number | null) => (share === null ? '' : `${Math.round(share * 100)}%`);

/** A number as people write it: at most two decimals, no trailing zeros, thousands separated. */
export const valueText = (value: number) => value.toLocaleString('en-GB', { maximumFractionDigits: 2 });

// Quarterly missing figures -------------------------------------------------------------------------------------

/** "2026-Q3" for a YYYY-MM-DD date. */
export function quarterOf(date: string): string {
	const [year, month] = date.split('-').map(Number);
	return `${year}-Q${Math.floor((month - 1) / 3) + 1}`;
}

/** The `count` quarters up to and including the one holding `today`, newest first. */
export function recentQuarters(today: string, count: number): string[] {
	const [year, q] = quarterOf(today).split('-Q').map(Number);
	return Array.from({ length: count }, (_, i) => {
		const index = year * 4 + (q - 1) - i;
		return `${Math.floor(index / 4)}-Q${(index % 4) + 1}`;
	});
}

/** "Jul to Sep 2026" for "2026-Q3". */
export function quarterLabel(quarter: string): string {
	const [year, q] = quarter.split('-Q').map(Number);
	const months = [
		['Jan', 'Mar'],
		['Apr', 'Jun'],
		['Jul', 'Sep'],
		['Oct', 'Dec']
	][q - 1];
	return `${months[0]} to ${months[1]} ${year}`;
}

/** Share (0 to 1) of offered return interviews completed within 72 hours, or null when none were offered. */
export const within72hShare = (offered: number, within: number) => (offered > 0 ? within / offered : null);

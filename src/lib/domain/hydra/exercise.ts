// A live Hydra exercise's rules: join codes people can read off a projector, what control may do in each state, which
// injects a syndicate sees, the scenario clock, and the plenary comparison of decisions. Pure: no I/O.
import { ZONE } from '../dates';
import type { ExerciseStatus, HydraSector } from './index';

// Join codes are shared with workshop rooms: one alphabet, one generator, one reader of what people type.
export { JOIN_CODE_ALPHABET, JOIN_CODE_LENGTH, joinCodeFrom, normaliseJoinCode, spacedJoinCode } from '../join-code';

/** What control does to an exercise; each is allowed from some states only. */
export const EXERCISE_MOVES = {
	start: { from: ['ready'], to: 'running' },
	pause: { from: ['running'], to: 'paused' },
	resume: { from: ['paused'], to: 'running' },
	end: { from: ['ready', 'running', 'paused'], to: 'ended' }
} as const satisfies Record<string, { from: ExerciseStatus[]; to: ExerciseStatus }>;
export type ExerciseMove = keyof typeof EXERCISE_MOVES;

export function canMove(status: ExerciseStatus, move: ExerciseMove): boolean {
	return (EXERCISE_MOVES[move].from as readonly ExerciseStatus[]).includes(status);
}

/** Injects go out only while the exercise runs: a pause stops the scenario clock. */
export const canRelease = (status: ExerciseStatus) => status === 'running';

/**
 * Syndicates may write decisions while the exercise runs and while it is paused (a pause stops the clock, not the
 * room's discussion of what it has already seen); once it has ended the logs are closed for the debrief.
 */
export const canDecide = (status: ExerciseStatus) => status === 'running' || status === 'paused';

/** Syndicates join until the exercise ends. */
export const canJoin = (status: ExerciseStatus) => status !== 'ended';

/** Whether a syndicate of this agency sees an inject: an empty audience means every syndicate. */
export function seesInject(audience: readonly HydraSector[], agency: HydraSector): boolean {
	return audience.length === 0 || audience.includes(agency);
}

/** The next inject in the scenario's order that control has not released yet, if any. */
export function nextInject<I extends { id: string; position: number }>(injects: I[], released: Iterable<string>): I | null {
	const done = new Set(released);
	return [...injects].sort((a, b) => a.position - b.position).find((i) => !done.has(i.id)) ?? null;
}

interface Release {
	scenarioTime: string;
	releasedAt: Date;
}

/** The scenario clock: the scenario time of the inject released last (at `at`, or now); null before the first. */
export function scenarioClock(releases: Release[], at?: Date): string | null {
	let last: Release | null = null;
	for (const r of releases) {
		if (at && r.releasedAt > at) continue;
		if (!last || r.releasedAt >= last.releasedAt) last = r;
	}
	return last?.scenarioTime ?? null;
}

const clockTime = new Intl.DateTimeFormat('en-GB', { timeZone: ZONE, hour: '2-digit', minute: '2-digit' });
/** The real time a decision was written, as "14:05" in the UK. */
export const formatClockTime = (value: Date | string) => clockTime.format(new Date(value));

/**
 * The plenary's comparison: one row per released inject in the order released, one cell per syndicate with its
 * decisions on that inject (oldest first). A syndicate the inject did not go to is marked, not left blank.
 */
export function compareDecisions<
	I extends { id: string; audience: readonly HydraSector[] },
	S extends { id: string; agency: HydraSector },
	D extends { syndicateId: string; injectId: string; createdAt: Date }
>(releasedInjects: I[], syndicates: S[], decisions: D[]) {
	return releasedInjects.map((inject) => ({
		inject,
		cells: syndicates.map((syndicate) => ({
			syndicate,
			sawIt: seesInject(inject.audience, syndicate.agency),
			decisions: decisions
				.filter((d) => d.injectId === inject.id && d.syndicateId === syndicate.id)
				.sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime())
		}))
	}));
}

/** Words shown to a syndicate for the state of its exercise. */
export const SYNDICATE_STATUS_TEXT: Record<ExerciseStatus, string> = {
	ready: 'Waiting for control to start the exercise.',
	running: 'The exercise is running.',
	paused: 'Paused by control: the scenario clock has stopped. You can still record decisions on what you have seen.',
	ended: 'The exercise has ended. Decision logs are closed.'
};

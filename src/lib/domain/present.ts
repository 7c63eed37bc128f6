// Present mode as a presentation: the deck of slides (the map stage by stage, then each vote's revealed results, each
// survey round's shift, the theory of change, a workshop room's notes by theme), stepping through it, and the facilitator's timer. Pure: the server
// keeps the facilitator's place and the timer; the facilitator's screen, followers and any embedding page read these.
import { STAGES, STAGE_LABELS, type Stage } from './map/enums';

export type Slide =
	| { kind: 'stage'; key: string; stage: Stage; title: string }
	| { kind: 'vote'; key: string; id: string; title: string }
	| { kind: 'survey'; key: string; id: string; title: string }
	| { kind: 'toc'; key: string; title: string }
	| { kind: 'notes'; key: string; id: string; title: string };

/** How the map slides draw the map: the network, or the journey swimlane. */
export const PRESENT_DRAWINGS = ['network', 'journey'] as const;
export type PresentDrawing = (typeof PRESENT_DRAWINGS)[number];
export const DRAWING_LABELS: Record<PresentDrawing, string> = { network: 'Network', journey: 'Swimlane (journey)' };

export const FIRST_SLIDE = 'stage:before';

/** The slides of an area's presentation, in the order the room sees them. */
export function deckOf(input: {
	votes: { id: string; question: string }[];
	rounds: { id: string; label: string }[];
	hasToc: boolean;
	/** The workshop room whose notes the room sees by theme (the open one, or the latest), when it has notes shown. */
	notesRoom?: { id: string; title: string } | null;
}): Slide[] {
	return [
		...STAGES.map((stage): Slide => ({ kind: 'stage', key: `stage:${stage}`, stage, title: STAGE_LABELS[stage] })),
		...input.votes.map((v): Slide => ({ kind: 'vote', key: `vote:${v.id}`, id: v.id, title: v.question })),
		...input.rounds.map((r): Slide => ({ kind: 'survey', key: `survey:${r.id}`, id: r.id, title: r.label })),
		...(input.hasToc ? [{ kind: 'toc', key: 'toc', title: 'Theory of change' } as Slide] : []),
		...(input.notesRoom ? [{ kind: 'notes', key: `notes:${input.notesRoom.id}`, id: input.notesRoom.id, title: `The room’s notes: ${input.notesRoom.title}` } as Slide] : [])
	];
}

/**
 * Whether a screen of present mode follows the room's notes as they are left: while it shows the notes slide (so each
 * new note appears there), or while the deck has no notes slide yet (so the first note brings it). Otherwise a room
 * leaving notes does not re-draw every screen's slide with each one.
 */
export function followsNotes(page: { slide: { kind: string }; deck: { kind: string }[] }): boolean {
	return page.slide.kind === 'notes' || !page.deck.some((s) => s.kind === 'notes');
}

/**
 * Which votes have results the room may see: a closed vote, or a workshop room's vote whose tallies the facilitator has
 * revealed; never one whose tallies are still hidden.
 */
export const isRevealed = (vote: { closedAt: Date | null; hidden: boolean; roomId: string | null }) =>
	!vote.hidden && (vote.closedAt !== null || vote.roomId !== null);

/** The slide at `key`, or the first slide when the deck no longer has it (a vote removed, say). */
export function slideAt<S extends { key: string }>(deck: S[], key: string | null | undefined): S {
	return deck.find((s) => s.key === key) ?? deck[0];
}

/** The key of the slide `by` steps away from `key`, kept inside the deck. */
export function stepFrom(deck: { key: string }[], key: string, by: number): string {
	const at = Math.max(0, deck.findIndex((s) => s.key === key));
	return deck[Math.min(deck.length - 1, Math.max(0, at + by))].key;
}

/** A slide key as a form or an address may carry it: a known shape, nothing else (its record is looked up later). */
export function isSlideKey(key: string): boolean {
	return /^(stage:(before|during|return|after|repeat)|(vote|survey|notes):[A-Za-z0-9_-]{1,64}|toc)$/.test(key);
}

export interface TimerState {
	/** The timer's length. */
	seconds: number;
	/** How long it ran before the current run. */
	usedMs: number;
	/** When the current run started; null while paused or not started. */
	startedAt: Date | null;
}

export const TIMER_CHOICES = [2, 5, 10, 15, 20, 30, 45, 60] as const;
export const TIMER_MIN_SECONDS = 60;
export const TIMER_MAX_SECONDS = 3 * 60 * 60;
export const TIMER_ACTIONS = ['start', 'pause', 'reset'] as const;
export type TimerAction = (typeof TIMER_ACTIONS)[number];

/** Milliseconds left at `now`, never below zero. */
export function remainingMs(timer: TimerState, now: number): number {
	const running = timer.startedAt ? Math.max(0, now - timer.startedAt.getTime()) : 0;
	return Math.max(0, timer.seconds * 1000 - timer.usedMs - running);
}

/** The timer after the facilitator starts, pauses or resets it (to `seconds`, when given) at `now`. */
export function applyTimer(timer: TimerState, action: TimerAction, now: Date, seconds?: number): TimerState {
	if (action === 'reset') return { seconds: seconds ?? timer.seconds, usedMs: 0, startedAt: null };
	if (action === 'start') return timer.startedAt || remainingMs(timer, now.getTime()) === 0 ? timer : { ...timer, startedAt: now };
	if (!timer.startedAt) return timer;
	const usedMs = Math.min(timer.seconds * 1000, timer.usedMs + Math.max(0, now.getTime() - timer.startedAt.getTime()));
	return { ...timer, usedMs, startedAt: null };
}

/** "9:05", "1:02:00": the time left as the screen shows it (whole seconds, rounded up so 0:00 means done). */
export function clock(ms: number): string {
	const total = Math.ceil(ms / 1000);
	const h = Math.floor(total / 3600);
	const m = Math.floor((total % 3600) / 60);
	const s = String(total % 60).padStart(2, '0');
	return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${s}` : `${m}:${s}`;
}

/** The step a key asks for in present mode (a clicker sends PageUp/PageDown): -1, +1, or null for any other key. */
export function stepOfKey(key: string): -1 | 1 | null {
	if (['ArrowRight', 'ArrowDown', 'PageDown', ' '].includes(key)) return 1;
	if (['ArrowLeft', 'ArrowUp', 'PageUp'].includes(key)) return -1;
	return null;
}

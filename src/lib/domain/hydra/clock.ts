// The room clock of a live Hydra exercise and its timed injects: how far the exercise has run (pauses do not count),
// which injects are due at that point, and how an inject's time after the start is written and read. Pure: no I/O.

/** The latest an inject may go out after the start: a long training day. */
export const MAX_OFFSET_SECONDS = 8 * 60 * 60;

export type OffsetParse = { ok: true; seconds: number | null } | { ok: false; message: string };

const OFFSET_FORMAT = 'Write the time after the start as minutes and seconds, like 12:30, or hours too, like 1:15:00.';

/**
 * What a person typed as an inject's time after the start: "12:30" (minutes and seconds), "1:15:00" (hours too), or
 * nothing (released by hand only). Seconds and minutes past the hour stay under 60.
 */
export function parseOffset(input: string): OffsetParse {
	const text = input.trim();
	if (!text) return { ok: true, seconds: null };
	if (/^[-−]/.test(text)) return { ok: false, message: 'An inject cannot go out before the start: the time after the start is 0:00 or later.' };
	const match = /^(?:(\d{1,2}):)?(\d{1,3}):(\d{2})$/.exec(text);
	if (!match) return { ok: false, message: OFFSET_FORMAT };
	const [hours, minutes, seconds] = [Number(match[1] ?? 0), Number(match[2]), Number(match[3])];
	if (seconds >= 60 || (match[1] !== undefined && minutes >= 60)) return { ok: false, message: OFFSET_FORMAT };
	const total = hours * 3600 + minutes * 60 + seconds;
	if (total > MAX_OFFSET_SECONDS) return { ok: false, message: `An inject can go out at most ${formatDuration(MAX_OFFSET_SECONDS * 1000)} after the start.` };
	return { ok: true, seconds: total };
}

/** A duration as a clock reads it: "4:05" under an hour, "1:04:05" beyond. */
export function formatDuration(ms: number): string {
	const total = Math.max(0, Math.floor(ms / 1000));
	const h = Math.floor(total / 3600);
	const m = Math.floor((total % 3600) / 60);
	const s = String(total % 60).padStart(2, '0');
	return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${s}` : `${m}:${s}`;
}

/** An inject's stored offset as the form shows it ("" for none). */
export const formatOffset = (seconds: number | null) => (seconds === null ? '' : formatDuration(seconds * 1000));

export interface ClockState {
	/** Time run before the current stretch (banked at each pause). */
	clockElapsedMs: number;
	/** When the current stretch began; null while the clock is stopped (not started, paused or ended). */
	clockSince: Date | null;
}

/** How long the exercise has run at `now`, pauses left out. */
export function elapsedMs(clock: ClockState, now: Date): number {
	return clock.clockElapsedMs + (clock.clockSince ? Math.max(0, now.getTime() - clock.clockSince.getTime()) : 0);
}

/** The clock as a screen shows it: the time run at `now`, and whether it is moving. */
export function roomClock(clock: ClockState & { clockAuto: boolean }, now: Date) {
	return { elapsedMs: elapsedMs(clock, now), running: clock.clockSince !== null, auto: clock.clockAuto };
}
export type RoomClock = ReturnType<typeof roomClock>;

/** The clock's fields after a move of the exercise at `now`: start and resume set it going, pause and end stop it. */
export function clockAfterMove(clock: ClockState, move: 'start' | 'pause' | 'resume' | 'end', now: Date): ClockState {
	if (move === 'start' || move === 'resume') return { clockElapsedMs: clock.clockElapsedMs, clockSince: now };
	return { clockElapsedMs: elapsedMs(clock, now), clockSince: null };
}

interface TimedInject {
	id: string;
	position: number;
	releaseOffset: number | null;
}

/**
 * The injects not yet out that the clock still owes, in order of their time (then position): each with an offset, not
 * released, not held back by control.
 */
export function clockQueue<I extends TimedInject>(injects: I[], released: Iterable<string>, held: readonly string[]): (I & { releaseOffset: number })[] {
	const out = new Set(released);
	return injects
		.filter((i): i is I & { releaseOffset: number } => i.releaseOffset !== null && !out.has(i.id) && !held.includes(i.id))
		.sort((a, b) => a.releaseOffset - b.releaseOffset || a.position - b.position);
}

/** Whether the clock owes this inject at the time run so far. */
export const isDue = (inject: { releaseOffset: number | null }, elapsed: number) => inject.releaseOffset !== null && inject.releaseOffset * 1000 <= elapsed;

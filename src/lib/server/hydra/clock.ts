// The room clock's release of timed injects, run by the server so an exercise keeps time with no control screen open.
// Everything it needs is stored with the exercise (time run, when the current stretch began, held injects), so a
// restarted instance carries on where the clock stands; every instance may tick, and the release itself (under the
// exercise's row lock, guarded by the inject not being out yet) lets each inject go exactly once.
import { and, eq, inArray, isNotNull } from 'drizzle-orm';
import { db } from '$lib/server/db';
import { hydraExercises, hydraInjects, hydraReleases } from '$lib/server/db/schema';
import { log } from '$lib/server/log';
import { clockQueue, elapsedMs, isDue } from '$lib/domain/hydra/clock';
import { releaseIn } from './releases';

/** The longest the clock sleeps: another instance's pause, resume or hold is noticed within this. */
const LONGEST_SLEEP_MS = 5_000;

/** Exercises running on the clock now, each with the injects the clock still owes it, soonest first. */
async function clockWork() {
	const exercises = await db
		.select()
		.from(hydraExercises)
		.where(and(eq(hydraExercises.status, 'running'), eq(hydraExercises.clockAuto, true), isNotNull(hydraExercises.clockSince)));
	if (exercises.length === 0) return [];
	const injects = await db
		.select({ id: hydraInjects.id, scenarioId: hydraInjects.scenarioId, position: hydraInjects.position, releaseOffset: hydraInjects.releaseOffset })
		.from(hydraInjects)
		.where(and(inArray(hydraInjects.scenarioId, [...new Set(exercises.map((e) => e.scenarioId))]), isNotNull(hydraInjects.releaseOffset)));
	const released = await db
		.select({ exerciseId: hydraReleases.exerciseId, injectId: hydraReleases.injectId })
		.from(hydraReleases)
		.where(inArray(hydraReleases.exerciseId, exercises.map((e) => e.id)));
	return exercises.map((exercise) => ({
		exercise,
		queue: clockQueue(
			injects.filter((i) => i.scenarioId === exercise.scenarioId),
			released.filter((r) => r.exerciseId === exercise.id).map((r) => r.injectId),
			exercise.heldInjectIds
		)
	}));
}

/**
 * Releases one inject on the clock if, with the exercise's row locked, it is still owed: the exercise runs on the
 * clock, the inject is not held back, its time has come. True when this call let it out.
 */
async function releaseIfDue(exerciseId: string, injectId: string, now: () => Date) {
	return db.transaction(async (tx) => {
		const [exercise] = await tx.select().from(hydraExercises).where(eq(hydraExercises.id, exerciseId)).for('update');
		if (!exercise || exercise.status !== 'running' || !exercise.clockAuto || exercise.heldInjectIds.includes(injectId)) return false;
		const [inject] = await tx.select({ releaseOffset: hydraInjects.releaseOffset }).from(hydraInjects).where(eq(hydraInjects.id, injectId));
		if (!inject || !isDue(inject, elapsedMs(exercise, now()))) return false;
		return (await releaseIn(tx, exercise, injectId, null)).release !== null;
	});
}

/** Releases every inject the clock owes at this moment; how many it let out. */
export async function releaseDue(now: () => Date = () => new Date()) {
	let count = 0;
	for (const { exercise, queue } of await clockWork()) {
		const elapsed = elapsedMs(exercise, now());
		for (const inject of queue) {
			if (!isDue(inject, elapsed)) break;
			if (await releaseIfDue(exercise.id, inject.id, now)) count++;
		}
	}
	return count;
}

/** Milliseconds until the clock next owes an inject anywhere, or null when it owes none. */
export async function untilNextDue(now: () => Date = () => new Date()) {
	let soonest: number | null = null;
	for (const { exercise, queue } of await clockWork()) {
		if (queue.length === 0) continue;
		const wait = queue[0].releaseOffset * 1000 - elapsedMs(exercise, now());
		soonest = soonest === null ? wait : Math.min(soonest, wait);
	}
	return soonest === null ? null : Math.max(0, soonest);
}

const ticker: { timer: ReturnType<typeof setTimeout> | null; current: Promise<void> | null; stopped: boolean; again: boolean } = {
	timer: null,
	current: null,
	stopped: true,
	again: false
};

function tick() {
	ticker.timer = null;
	if (ticker.stopped) return;
	if (ticker.current) {
		ticker.again = true;
		return;
	}
	ticker.current = look().finally(() => {
		ticker.current = null;
		// Woken while looking: look again at once rather than at the planned time.
		if (ticker.again && !ticker.stopped) {
			ticker.again = false;
			if (ticker.timer) clearTimeout(ticker.timer);
			ticker.timer = setTimeout(tick, 0);
			ticker.timer.unref();
		}
	});
}

async function look() {
	let sleep = LONGEST_SLEEP_MS;
	try {
		const released = await releaseDue();
		if (released) log.info({ released }, 'injects released on the clock');
		const wait = await untilNextDue();
		if (wait !== null) sleep = Math.min(sleep, wait);
	} catch (err) {
		log.error({ err }, 'the room clock could not release injects');
	}
	if (ticker.stopped) return;
	ticker.timer = setTimeout(tick, sleep);
	ticker.timer.unref();
}

/** Looks at the clock now, not at the next planned tick: after a change in this instance (resume, hold, run on the clock). */
export function wakeClock() {
	if (ticker.stopped) return;
	if (ticker.timer) clearTimeout(ticker.timer);
	ticker.timer = null;
	tick();
}

/** Starts this instance's clock: at once, so an exercise that was running when the server stopped carries on. */
export function startHydraClock() {
	ticker.stopped = false;
	wakeClock();
	return async () => {
		ticker.stopped = true;
		if (ticker.timer) clearTimeout(ticker.timer);
		ticker.timer = null;
		// A release under way finishes before the database closes.
		await ticker.current;
	};
}

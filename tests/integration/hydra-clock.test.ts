// The room clock: timed injects released by the server exactly once, pauses and holds respected, and a restarted
// server carrying on from the stored clock. Also control's messages and the count of syndicates' connected screens.
import { afterEach, describe, expect, it } from 'vitest';
import { and, eq, inArray } from 'drizzle-orm';
import { db } from '$lib/server/db';
import { auditLog, hydraExercises, hydraMessages, hydraReleases } from '$lib/server/db/schema';
import { hashToken, newToken } from '$lib/server/ids';
import { ConflictError, InputError } from '$lib/server/errors';
import { createExercise, getControl, holdInject, moveExercise, releaseInject, runOnClock } from '$lib/server/hydra/exercises';
import { joinExercise, syndicateByToken, syndicateView } from '$lib/server/hydra/syndicates';
import { releaseDue, startHydraClock, untilNextDue } from '$lib/server/hydra/clock';
import { sendMessage } from '$lib/server/hydra/messages';
import { connectedScreens, screenGone, screenSeen } from '$lib/server/hydra/screens';
import { useTestDatabase } from '../helpers/database';
import { makeScenario, makeUser } from '../helpers/factories';

useTestDatabase();

let address = 0;
const nextAddress = () => `10.11.${Math.floor(++address / 250)}.${address % 250}`;

/** An exercise of a signed-off scenario whose injects go out 5 s, 10 s and 60 s after the start (the last by hand only). */
async function timedExercise(offsets: (number | null)[] = [5, 10, 60, null]) {
	const facilitator = await makeUser('consultant');
	const signer = await makeUser('consultant');
	const { scenario, injects } = await makeScenario({
		signedOffBy: signer,
		injects: offsets.map((releaseOffset, i) => ({ title: `Inject ${i + 1}`, releaseOffset }))
	});
	const exercise = await createExercise(facilitator, { scenarioId: scenario.id, title: '', eventId: null, areaId: null });
	return { facilitator, scenario, injects, exercise };
}

const current = async (id: string) => (await db.select().from(hydraExercises).where(eq(hydraExercises.id, id)))[0];
const releasedIds = async (exerciseId: string) =>
	(await db.select({ injectId: hydraReleases.injectId }).from(hydraReleases).where(eq(hydraReleases.exerciseId, exerciseId))).map((r) => r.injectId).sort();
/** The moment `seconds` of room time will have run, for a clock that started (and has run without a pause) since. */
const at = (exercise: { clockSince: Date | null; clockElapsedMs: number }, seconds: number) => () =>
	new Date((exercise.clockSince?.getTime() ?? Date.now()) + seconds * 1000 - exercise.clockElapsedMs);

let stopClock: (() => Promise<void>) | null = null;
afterEach(async () => {
	await stopClock?.();
	stopClock = null;
	// The clock serves every exercise in the database: each test's counts are about its own exercise only.
	await db.update(hydraExercises).set({ status: 'ended', clockSince: null }).where(inArray(hydraExercises.status, ['running', 'paused']));
});

describe('running on the clock', () => {
	it('starts the exercise and releases each timed inject once its time has come, by the same path as control’s button', async () => {
		const { facilitator, exercise, injects } = await timedExercise();
		const started = await runOnClock(facilitator, { id: exercise.id, version: exercise.version, on: true });
		expect(started).toMatchObject({ status: 'running', clockAuto: true, clockElapsedMs: 0 });
		expect(started.clockSince).toBeInstanceOf(Date);

		expect(await releaseDue(at(started, 4.9))).toBe(0);
		expect(await releaseDue(at(started, 5))).toBe(1);
		expect(await releasedIds(exercise.id)).toEqual([injects[0].id]);
		expect(await untilNextDue(at(started, 6))).toBe(4000);
		expect(await releaseDue(at(started, 30))).toBe(1);
		expect(await releasedIds(exercise.id)).toEqual([injects[0].id, injects[1].id].sort());

		// The release is audited with no person (the clock), and the syndicates see it as they see control's releases.
		const trail = await db.select().from(auditLog).where(and(eq(auditLog.entity, 'hydra_release'), inArray(auditLog.entityId, [injects[0].id, injects[1].id])));
		expect(trail.map((r) => [r.action, r.actorId])).toEqual([
			['release_on_clock', null],
			['release_on_clock', null]
		]);
		const token = newToken();
		await joinExercise({ code: exercise.joinCode, teamName: 'Blue', agency: 'police' }, hashToken(token), nextAddress());
		const view = await syndicateView((await syndicateByToken(hashToken(token)))!);
		expect(view.injects.map((i) => i.title)).toEqual(['Inject 2', 'Inject 1']);
		expect(view.roomClock).toMatchObject({ running: true, auto: true });

		// The inject with no time waits for control.
		expect(await releaseDue(at(started, 8 * 3600))).toBe(1);
		expect((await releasedIds(exercise.id)).includes(injects[3].id)).toBe(false);
		expect(await untilNextDue(at(started, 8 * 3600))).toBeNull();
	});

	it('releases an inject exactly once when two clocks (two instances) and control’s button race for it', async () => {
		const { facilitator, exercise, injects } = await timedExercise([0, 1]);
		const started = await runOnClock(facilitator, { id: exercise.id, version: exercise.version, on: true });
		const later = at(started, 2);
		const outcomes = await Promise.allSettled([releaseDue(later), releaseDue(later), releaseInject(facilitator, { id: exercise.id, injectId: injects[1].id })]);
		const [a, b, byHand] = outcomes;
		expect(a.status).toBe('fulfilled');
		expect(b.status).toBe('fulfilled');
		const clockCount = (a.status === 'fulfilled' ? a.value : 0) + (b.status === 'fulfilled' ? b.value : 0);
		// Control's click either won (and the clocks let out the other one) or found the inject already out.
		if (byHand.status === 'fulfilled') expect(clockCount).toBe(1);
		else {
			expect(byHand.reason).toBeInstanceOf(ConflictError);
			expect(clockCount).toBe(2);
		}
		expect(await releasedIds(exercise.id)).toEqual([injects[0].id, injects[1].id].sort());
		const trail = await db.select().from(auditLog).where(and(eq(auditLog.entity, 'hydra_release'), inArray(auditLog.entityId, [injects[0].id, injects[1].id])));
		expect(trail).toHaveLength(2);
	});

	it('stops while paused (holding the next inject) and carries on from where it stood on resume', async () => {
		const { facilitator, exercise, injects } = await timedExercise();
		const started = await runOnClock(facilitator, { id: exercise.id, version: exercise.version, on: true });
		await releaseDue(at(started, 6));
		const paused = await moveExercise(facilitator, { id: exercise.id, version: started.version, move: 'pause' });
		expect(paused.clockSince).toBeNull();
		expect(paused.clockElapsedMs).toBeGreaterThanOrEqual(0);
		// However long the pause, the second inject (10 s) stays held.
		expect(await releaseDue(() => new Date(Date.now() + 3_600_000))).toBe(0);
		expect(await releasedIds(exercise.id)).toEqual([injects[0].id]);
		expect((await getControl(facilitator, exercise.id)).roomClock).toEqual({ elapsedMs: paused.clockElapsedMs, running: false, auto: true });

		const resumed = await moveExercise(facilitator, { id: exercise.id, version: paused.version, move: 'resume' });
		const resumedAt = resumed.clockSince!.getTime();
		const owed = 10_000 - paused.clockElapsedMs;
		expect(await releaseDue(() => new Date(resumedAt + owed - 1))).toBe(0);
		expect(await releaseDue(() => new Date(resumedAt + owed))).toBe(1);
		expect(await releasedIds(exercise.id)).toEqual([injects[0].id, injects[1].id].sort());
	});

	it('leaves an inject control held back, releases it by hand early, and lets a held one go again', async () => {
		const { facilitator, exercise, injects } = await timedExercise([5, 10, 20]);
		const started = await runOnClock(facilitator, { id: exercise.id, version: exercise.version, on: true });
		await holdInject(facilitator, { id: exercise.id, injectId: injects[0].id, hold: true });
		await releaseInject(facilitator, { id: exercise.id, injectId: injects[2].id });
		expect(await releaseDue(at(started, 11))).toBe(1);
		expect(await releasedIds(exercise.id)).toEqual([injects[1].id, injects[2].id].sort());
		const control = await getControl(facilitator, exercise.id);
		expect(control.queue).toEqual([]);
		expect(control.exercise.heldInjectIds).toEqual([injects[0].id]);

		await holdInject(facilitator, { id: exercise.id, injectId: injects[0].id, hold: false });
		expect(await releaseDue(at(started, 11))).toBe(1);
		expect(await releasedIds(exercise.id)).toHaveLength(3);
	});

	it('goes back to release by hand when control says so', async () => {
		const { facilitator, exercise } = await timedExercise([5]);
		const started = await runOnClock(facilitator, { id: exercise.id, version: exercise.version, on: true });
		const byHand = await runOnClock(facilitator, { id: exercise.id, version: started.version, on: false });
		expect(byHand).toMatchObject({ status: 'running', clockAuto: false });
		expect(await releaseDue(at(started, 60))).toBe(0);
		await expect(runOnClock(facilitator, { id: exercise.id, version: started.version, on: true })).rejects.toThrow(ConflictError);
	});

	it('carries on after a restart from the stored clock: what fell due while the server was down goes at once, the rest on time', async () => {
		const { facilitator, exercise, injects } = await timedExercise([3, 5, 600]);
		const started = await runOnClock(facilitator, { id: exercise.id, version: exercise.version, on: true });
		// The server was down for the first four seconds of room time: the stored clock says so.
		await db
			.update(hydraExercises)
			.set({ clockSince: new Date(started.clockSince!.getTime() - 4_000) })
			.where(eq(hydraExercises.id, exercise.id));
		stopClock = startHydraClock();
		await expect.poll(() => releasedIds(exercise.id), { timeout: 2_000, interval: 50 }).toEqual([injects[0].id]);
		// The second falls due about a second later, with no call from anyone: the server's own timer lets it out.
		await expect.poll(() => releasedIds(exercise.id), { timeout: 3_000, interval: 50 }).toEqual([injects[0].id, injects[1].id].sort());
		const released = await db.select().from(hydraReleases).where(and(eq(hydraReleases.exerciseId, exercise.id), eq(hydraReleases.injectId, injects[1].id)));
		const lateBy = released[0].releasedAt.getTime() - (started.clockSince!.getTime() - 4_000 + 5_000);
		expect(lateBy).toBeGreaterThanOrEqual(0);
		expect(lateBy).toBeLessThan(1_000);
		expect((await current(exercise.id)).clockAuto).toBe(true);
	});
});

describe('messages and screens', () => {
	async function withSyndicates() {
		const setup = await timedExercise([5]);
		const tokens = [newToken(), newToken()];
		await joinExercise({ code: setup.exercise.joinCode, teamName: 'Red', agency: 'police' }, hashToken(tokens[0]), nextAddress());
		await joinExercise({ code: setup.exercise.joinCode, teamName: 'Amber', agency: 'health' }, hashToken(tokens[1]), nextAddress());
		const [red, amber] = await Promise.all(tokens.map(async (t) => (await syndicateByToken(hashToken(t)))!));
		return { ...setup, red, amber };
	}

	it('shows a message to one syndicate on its screen only, one to all on both, and keeps them in the log', async () => {
		const { facilitator, exercise, red, amber } = await withSyndicates();
		await sendMessage(facilitator, { id: exercise.id, syndicateId: red.syndicate.id, text: 'Red: record your risk grade now.' });
		await sendMessage(facilitator, { id: exercise.id, syndicateId: null, text: 'Two minutes to the next inject.' });
		expect((await syndicateView(red)).messages.map((m) => [m.text, m.toAll])).toEqual([
			['Two minutes to the next inject.', true],
			['Red: record your risk grade now.', false]
		]);
		expect((await syndicateView(amber)).messages.map((m) => m.text)).toEqual(['Two minutes to the next inject.']);
		const control = await getControl(facilitator, exercise.id);
		expect(control.messages.map((m) => [m.text, m.syndicateId])).toEqual([
			['Two minutes to the next inject.', null],
			['Red: record your risk grade now.', red.syndicate.id]
		]);
		expect(await db.select().from(auditLog).where(and(eq(auditLog.entity, 'hydra_message'), eq(auditLog.action, 'send')))).toHaveLength(2);
	});

	it('refuses a message carrying an identifier, or for another exercise’s syndicate, storing nothing', async () => {
		const { facilitator, exercise } = await withSyndicates();
		const other = await withSyndicates();
		await expect(sendMessage(facilitator, { id: exercise.id, syndicateId: null, text: 'Call her carer on 07700 900461' })).rejects.toMatchObject({
			errors: { message: expect.stringMatching(/Phone number/) }
		});
		await expect(sendMessage(facilitator, { id: exercise.id, syndicateId: other.red.syndicate.id, text: 'Hello' })).rejects.toBeInstanceOf(InputError);
		expect(await db.select().from(hydraMessages).where(eq(hydraMessages.exerciseId, exercise.id))).toEqual([]);
	});

	it('counts each syndicate’s open screens across instances, and forgets one whose heartbeat stopped', async () => {
		const { exercise, red, amber } = await withSyndicates();
		await screenSeen(`stream-1-${exercise.id}`, exercise.id, red.syndicate.id, true);
		await screenSeen(`stream-2-${exercise.id}`, exercise.id, red.syndicate.id, true);
		await screenSeen(`stream-3-${exercise.id}`, exercise.id, amber.syndicate.id, true);
		expect(await connectedScreens(exercise.id)).toEqual({ [red.syndicate.id]: 2, [amber.syndicate.id]: 1 });
		await screenGone(`stream-2-${exercise.id}`, exercise.id, red.syndicate.id);
		expect(await connectedScreens(exercise.id)).toEqual({ [red.syndicate.id]: 1, [amber.syndicate.id]: 1 });
		// Two minutes on, with no heartbeat from any of them, none counts.
		expect(await connectedScreens(exercise.id, new Date(Date.now() + 120_000))).toEqual({});
	});
});

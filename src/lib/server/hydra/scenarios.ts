// The Hydra scenario library: scenarios and their timeline of injects, the identifier check on every save, and the
// second consultant's sign-off as anonymised, which any later change clears. Staff only.
import { and, asc, count, desc, eq, max, ne, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { db, type Transaction } from '$lib/server/db';
import { hydraExercises, hydraInjects, hydraReleases, hydraScenarios, users, type HydraInject, type HydraScenario } from '$lib/server/db/schema';
import { newId } from '$lib/server/ids';
import { audit } from '$lib/server/audit';
import { ConflictError, InputError, NotFoundError } from '$lib/server/errors';
import { assertStaff } from '$lib/server/auth/staff';
import { scenarioHits, signOffRefusal } from '$lib/domain/hydra/scenarios';
import type { AgeBand, HydraSector } from '$lib/domain/hydra';
import type { ProgrammeModelKey } from '$lib/domain/programme';
import type { SessionUser } from '$lib/server/auth/session';

export interface ScenarioInput {
	title: string;
	summary: string;
	learningObjectives: string;
	targetModels: ProgrammeModelKey[];
	ageBand: AgeBand;
	circumstances: string;
}

export interface InjectInput {
	scenarioTime: string;
	title: string;
	content: string;
	audience: HydraSector[];
	facilitatorNotes: string;
	prompts: string;
	expectedResponse: string;
	/** Seconds after the start, for running on the clock; null: by hand only. */
	releaseOffset?: number | null;
}

const creator = alias(users, 'creator');
const editor = alias(users, 'editor');
const signer = alias(users, 'signer');

/** The library, newest change first, with who wrote and who signed off each scenario. */
export async function listScenarios(actor: SessionUser) {
	assertStaff(actor);
	const injectCounts = db
		.select({ scenarioId: hydraInjects.scenarioId, n: count().as('n') })
		.from(hydraInjects)
		.groupBy(hydraInjects.scenarioId)
		.as('inject_counts');
	return db
		.select({
			id: hydraScenarios.id,
			title: hydraScenarios.title,
			summary: hydraScenarios.summary,
			ageBand: hydraScenarios.ageBand,
			updatedAt: hydraScenarios.updatedAt,
			signedOffAt: hydraScenarios.signedOffAt,
			createdByName: creator.name,
			signedOffByName: signer.name,
			injects: sql<number>`coalesce(${injectCounts.n}, 0)`.mapWith(Number)
		})
		.from(hydraScenarios)
		.leftJoin(creator, eq(creator.id, hydraScenarios.createdBy))
		.leftJoin(signer, eq(signer.id, hydraScenarios.signedOffBy))
		.leftJoin(injectCounts, eq(injectCounts.scenarioId, hydraScenarios.id))
		.orderBy(desc(hydraScenarios.updatedAt));
}

function injectsOf(executor: Transaction | typeof db, scenarioId: string) {
	return executor
		.select()
		.from(hydraInjects)
		.where(eq(hydraInjects.scenarioId, scenarioId))
		.orderBy(asc(hydraInjects.position), asc(hydraInjects.createdAt));
}

/** One scenario with its timeline, the names of its author, last editor and signer, and the identifiers found now. */
export async function getScenario(actor: SessionUser, scenarioId: string) {
	assertStaff(actor);
	const [row] = await db
		.select({ scenario: hydraScenarios, createdByName: creator.name, updatedByName: editor.name, signedOffByName: signer.name })
		.from(hydraScenarios)
		.leftJoin(creator, eq(creator.id, hydraScenarios.createdBy))
		.leftJoin(editor, eq(editor.id, hydraScenarios.updatedBy))
		.leftJoin(signer, eq(signer.id, hydraScenarios.signedOffBy))
		.where(eq(hydraScenarios.id, scenarioId));
	if (!row) throw new NotFoundError();
	const injects = await injectsOf(db, scenarioId);
	return { ...row, injects, hits: scenarioHits(row.scenario, injects) };
}

export async function createScenario(actor: SessionUser, input: ScenarioInput) {
	assertStaff(actor);
	return db.transaction(async (tx) => {
		const [scenario] = await tx
			.insert(hydraScenarios)
			.values({ id: newId(), ...input, createdBy: actor.id, updatedBy: actor.id })
			.returning();
		await audit(tx, { actorId: actor.id, entity: 'hydra_scenario', entityId: scenario.id, action: 'create', after: scenario });
		return { scenario, hits: scenarioHits(scenario, []) };
	});
}

/**
 * Claims the scenario at the version the actor read, for a change to it or its timeline: bumps the version, records
 * the actor as last editor and clears any sign-off (audited), since the text it vouched for is about to change.
 */
async function claim(tx: Transaction, actor: SessionUser, scenarioId: string, version: number, changes: Partial<ScenarioInput> = {}) {
	// Locked first, so an exercise being set up from it at this moment has committed before the check below.
	const [before] = await tx.select().from(hydraScenarios).where(eq(hydraScenarios.id, scenarioId)).for('update');
	if (!before) throw new NotFoundError();
	// Syndicates must play the scenario that was signed off: no change while an exercise of it has not ended.
	const [live] = await tx
		.select({ title: hydraExercises.title })
		.from(hydraExercises)
		.where(and(eq(hydraExercises.scenarioId, scenarioId), ne(hydraExercises.status, 'ended')))
		.limit(1);
	if (live) throw new ConflictError(`The exercise “${live.title}” uses this scenario and has not ended. End it before changing the scenario.`);
	const [after] = await tx
		.update(hydraScenarios)
		.set({
			...changes,
			updatedBy: actor.id,
			updatedAt: new Date(),
			signedOffBy: null,
			signedOffAt: null,
			version: sql`${hydraScenarios.version} + 1`
		})
		.where(and(eq(hydraScenarios.id, scenarioId), eq(hydraScenarios.version, version)))
		.returning();
	if (!after) throw new ConflictError();
	if (before.signedOffAt) {
		await audit(tx, {
			actorId: actor.id,
			entity: 'hydra_scenario',
			entityId: scenarioId,
			action: 'sign-off-cleared',
			before: { signedOffBy: before.signedOffBy, signedOffAt: before.signedOffAt },
			after: { signedOffBy: null, signedOffAt: null }
		});
	}
	return { before, after };
}

/** What every change answers: the scenario as it is now, whether a sign-off was cleared, and the identifiers found. */
async function outcome(tx: Transaction, before: HydraScenario, after: HydraScenario) {
	const injects = await injectsOf(tx, after.id);
	return { scenario: after, signOffCleared: before.signedOffAt !== null, hits: scenarioHits(after, injects) };
}

export async function updateScenario(actor: SessionUser, scenarioId: string, input: ScenarioInput & { version: number }) {
	assertStaff(actor);
	const { version, ...changes } = input;
	return db.transaction(async (tx) => {
		const { before, after } = await claim(tx, actor, scenarioId, version, changes);
		await audit(tx, { actorId: actor.id, entity: 'hydra_scenario', entityId: scenarioId, action: 'update', before, after });
		return outcome(tx, before, after);
	});
}

async function injectIn(tx: Transaction, scenarioId: string, injectId: string): Promise<HydraInject> {
	const [inject] = await tx
		.select()
		.from(hydraInjects)
		.where(and(eq(hydraInjects.id, injectId), eq(hydraInjects.scenarioId, scenarioId)));
	if (!inject) throw new NotFoundError();
	return inject;
}

export async function addInject(actor: SessionUser, scenarioId: string, input: InjectInput & { version: number }) {
	assertStaff(actor);
	const { version, ...fields } = input;
	return db.transaction(async (tx) => {
		const { before, after } = await claim(tx, actor, scenarioId, version);
		const [{ last }] = await tx.select({ last: max(hydraInjects.position) }).from(hydraInjects).where(eq(hydraInjects.scenarioId, scenarioId));
		const [inject] = await tx
			.insert(hydraInjects)
			.values({ id: newId(), scenarioId, position: (last ?? 0) + 1, ...fields })
			.returning();
		await audit(tx, { actorId: actor.id, entity: 'hydra_inject', entityId: inject.id, action: 'create', after: inject });
		return { ...(await outcome(tx, before, after)), inject };
	});
}

export async function updateInject(actor: SessionUser, scenarioId: string, injectId: string, input: InjectInput & { version: number }) {
	assertStaff(actor);
	const { version, ...fields } = input;
	return db.transaction(async (tx) => {
		const old = await injectIn(tx, scenarioId, injectId);
		const { before, after } = await claim(tx, actor, scenarioId, version);
		const [inject] = await tx.update(hydraInjects).set(fields).where(eq(hydraInjects.id, injectId)).returning();
		await audit(tx, { actorId: actor.id, entity: 'hydra_inject', entityId: injectId, action: 'update', before: old, after: inject });
		return outcome(tx, before, after);
	});
}

export async function deleteInject(actor: SessionUser, scenarioId: string, injectId: string, version: number) {
	assertStaff(actor);
	return db.transaction(async (tx) => {
		const old = await injectIn(tx, scenarioId, injectId);
		const [released] = await tx.select({ exerciseId: hydraReleases.exerciseId }).from(hydraReleases).where(eq(hydraReleases.injectId, injectId)).limit(1);
		if (released) throw new ConflictError('This inject has been released in an exercise, whose decisions and debrief depend on it, so it cannot be removed.');
		const { before, after } = await claim(tx, actor, scenarioId, version);
		await tx.delete(hydraInjects).where(eq(hydraInjects.id, injectId));
		await audit(tx, { actorId: actor.id, entity: 'hydra_inject', entityId: injectId, action: 'delete', before: old });
		return outcome(tx, before, after);
	});
}

/** Swaps an inject with its neighbour in the timeline; at either end it stays where it is. */
export async function moveInject(actor: SessionUser, scenarioId: string, injectId: string, direction: 'up' | 'down', version: number) {
	assertStaff(actor);
	return db.transaction(async (tx) => {
		await injectIn(tx, scenarioId, injectId);
		const { before, after } = await claim(tx, actor, scenarioId, version);
		const timeline = await injectsOf(tx, scenarioId);
		const at = timeline.findIndex((i) => i.id === injectId);
		const other = timeline[direction === 'up' ? at - 1 : at + 1];
		if (other) {
			// Renumber the whole timeline so that equal or missing positions never make the order ambiguous.
			const order = timeline.map((i) => i.id);
			const to = direction === 'up' ? at - 1 : at + 1;
			[order[at], order[to]] = [order[to], order[at]];
			for (const [i, id] of order.entries()) await tx.update(hydraInjects).set({ position: i + 1 }).where(eq(hydraInjects.id, id));
			await audit(tx, {
				actorId: actor.id,
				entity: 'hydra_inject',
				entityId: injectId,
				action: 'move',
				before: { position: at + 1 },
				after: { position: to + 1 }
			});
		}
		return outcome(tx, before, after);
	});
}

/**
 * Signs the scenario off as anonymised: the signer is neither its author nor its last editor, and has confirmed that
 * every item the identifier check flags now is not about a real person. The confirmations are kept in the audit trail.
 */
export async function signOffScenario(actor: SessionUser, scenarioId: string, version: number, confirmedKeys: string[]) {
	assertStaff(actor);
	return db.transaction(async (tx) => {
		const [before] = await tx.select().from(hydraScenarios).where(eq(hydraScenarios.id, scenarioId)).for('update');
		if (!before) throw new NotFoundError();
		if (before.version !== version) throw new ConflictError('The scenario changed while you were reading it. Read it again before signing it off.');
		const injects = await injectsOf(tx, scenarioId);
		const hits = scenarioHits(before, injects);
		const refusal = signOffRefusal({
			signerId: actor.id,
			createdBy: before.createdBy,
			updatedBy: before.updatedBy,
			signedOffAt: before.signedOffAt,
			injectCount: injects.length,
			hitKeys: hits.map((h) => h.key),
			confirmedKeys
		});
		if (refusal) throw new InputError({ [refusal.reason === 'unconfirmed' ? 'confirmed' : '_form']: refusal.message });
		const [after] = await tx
			.update(hydraScenarios)
			.set({ signedOffBy: actor.id, signedOffAt: new Date(), version: sql`${hydraScenarios.version} + 1` })
			.where(and(eq(hydraScenarios.id, scenarioId), eq(hydraScenarios.version, version)))
			.returning();
		if (!after) throw new ConflictError();
		await audit(tx, {
			actorId: actor.id,
			entity: 'hydra_scenario',
			entityId: scenarioId,
			action: 'sign-off',
			before: { signedOffBy: null, signedOffAt: null },
			after: {
				signedOffBy: after.signedOffBy,
				signedOffAt: after.signedOffAt,
				version: after.version,
				// What the signer vouched for: each flagged item, where it was, and that it is not a real person.
				confirmedNotReal: hits.map((h) => ({ field: h.field, kind: h.kind, text: h.text }))
			}
		});
		return after;
	});
}

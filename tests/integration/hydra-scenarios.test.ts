import { describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { db } from '$lib/server/db';
import { auditLog, hydraInjects, hydraScenarios } from '$lib/server/db/schema';
import {
	addInject,
	createScenario,
	deleteInject,
	getScenario,
	listScenarios,
	moveInject,
	signOffScenario,
	updateInject,
	updateScenario
} from '$lib/server/hydra/scenarios';
import { usableLive } from '$lib/domain/hydra';
import { ConflictError, InputError, NotFoundError } from '$lib/server/errors';
import { useTestDatabase } from '../helpers/database';
import { makeScenario, makeUser } from '../helpers/factories';
import { createExercise, moveExercise, releaseInject } from '$lib/server/hydra/exercises';

useTestDatabase();

const details = {
	title: 'Missing from a placement',
	summary: 'A young person placed out of area goes missing again.',
	learningObjectives: 'Share the Philomena Protocol form at once\nCollate return interview findings',
	targetModels: ['episode' as const, 'police' as const],
	ageBand: '12_15' as const,
	circumstances: 'Placed in a children’s home two counties away from family.'
};
const inject = {
	scenarioTime: 'Day 1, 22:40',
	title: 'Initial report',
	content: 'The home reports that the young person has not returned.',
	audience: [] as never[],
	facilitatorNotes: '',
	prompts: 'What is your risk grading?',
	expectedResponse: ''
};

async function refreshed(id: string) {
	const [row] = await db.select().from(hydraScenarios).where(eq(hydraScenarios.id, id));
	return row;
}

describe('the scenario library', () => {
	it('keeps a scenario and its injects in timeline order, and shows each likely identifier on save', async () => {
		const casey = await makeUser('consultant');
		const { scenario, hits } = await createScenario(casey, details);
		expect(hits).toEqual([]);
		const added = await addInject(casey, scenario.id, { ...inject, version: 1 });
		expect(added.hits).toEqual([]);
		const second = await addInject(casey, scenario.id, {
			...inject,
			scenarioTime: 'Day 2, 09:15',
			title: 'A call from the aunt',
			content: 'Her aunt, Bernadette Okonkwo, rings from 07911 123456.',
			audience: ['police', 'childrens_services'] as never[],
			version: 2
		});
		expect(second.hits.map((h) => [h.kind, h.text, h.label])).toEqual([
			['name', 'Bernadette Okonkwo', 'Inject 2 (Day 2, 09:15): content'],
			['phone', '07911 123456', 'Inject 2 (Day 2, 09:15): content']
		]);
		const found = await getScenario(casey, scenario.id);
		expect(found.injects.map((i) => i.title)).toEqual(['Initial report', 'A call from the aunt']);
		expect(found.injects[1].audience).toEqual(['police', 'childrens_services']);
		expect(found.hits).toHaveLength(2);

		await moveInject(casey, scenario.id, found.injects[1].id, 'up', 3);
		expect((await getScenario(casey, scenario.id)).injects.map((i) => i.title)).toEqual(['A call from the aunt', 'Initial report']);

		const fixed = await updateInject(casey, scenario.id, found.injects[1].id, {
			...inject,
			scenarioTime: 'Day 2, 09:15',
			title: 'A call from the aunt',
			content: 'The young person’s aunt rings the police.',
			version: 4
		});
		expect(fixed.hits).toEqual([]);
		expect((await listScenarios(casey)).find((s) => s.id === scenario.id)).toMatchObject({ injects: 2, signedOffAt: null });
	});

	it('refuses a stale version and changes nothing', async () => {
		const casey = await makeUser('consultant');
		const { scenario } = await makeScenario({ createdBy: casey });
		await updateScenario(casey, scenario.id, { ...details, version: 1 });
		await expect(updateScenario(casey, scenario.id, { ...details, title: 'Overwritten', version: 1 })).rejects.toThrow(ConflictError);
		await expect(addInject(casey, scenario.id, { ...inject, version: 1 })).rejects.toThrow(ConflictError);
		expect((await refreshed(scenario.id)).title).toBe(details.title);
		expect(await db.select().from(hydraInjects).where(eq(hydraInjects.scenarioId, scenario.id))).toHaveLength(3);
	});

	it('is for staff only, and an inject of another scenario cannot be reached through this one', async () => {
		const partner = await makeUser('partner');
		const { scenario } = await makeScenario();
		const other = await makeScenario();
		await expect(listScenarios(partner)).rejects.toThrow(NotFoundError);
		await expect(getScenario(partner, scenario.id)).rejects.toThrow(NotFoundError);
		const casey = await makeUser('consultant');
		await expect(deleteInject(casey, scenario.id, other.injects[0].id, 1)).rejects.toThrow(NotFoundError);
		expect(await db.select().from(hydraInjects).where(eq(hydraInjects.id, other.injects[0].id))).toHaveLength(1);
	});
});

describe('sign-off as anonymised', () => {
	it('refuses the author, and the last editor, and records who signed and when', async () => {
		const casey = await makeUser('consultant');
		const morgan = await makeUser('consultant');
		const alex = await makeUser('admin');
		const { scenario } = await makeScenario({ createdBy: casey });
		expect(usableLive(scenario)).toBe(false);
		await expect(signOffScenario(casey, scenario.id, 1, [])).rejects.toThrow(/You wrote this scenario/);

		await updateScenario(morgan, scenario.id, { ...details, version: 1 });
		await expect(signOffScenario(morgan, scenario.id, 2, [])).rejects.toThrow(/You made the latest change/);

		const signed = await signOffScenario(alex, scenario.id, 2, []);
		expect(signed.signedOffBy).toBe(alex.id);
		expect(signed.signedOffAt).toBeInstanceOf(Date);
		expect(usableLive(await refreshed(scenario.id))).toBe(true);
		const [row] = await db
			.select()
			.from(auditLog)
			.where(and(eq(auditLog.entityId, scenario.id), eq(auditLog.action, 'sign-off')));
		expect(row.actorId).toBe(alex.id);
	});

	it('is refused while identifiers are flagged, unless the signer confirms each one is not a real person', async () => {
		const casey = await makeUser('consultant');
		const morgan = await makeUser('consultant');
		const { scenario } = await makeScenario({
			createdBy: casey,
			injects: [{ scenarioTime: 'Day 1, 22:40', title: 'Report', content: 'Jordan Whitfield, DOB 02/02/2010, is missing from SW1A 1AA.' }]
		});
		const { hits } = await getScenario(morgan, scenario.id);
		expect(hits.map((h) => h.kind)).toEqual(['name', 'date', 'postcode']);

		const refusal = await signOffScenario(morgan, scenario.id, 1, []).catch((e) => e);
		expect(refusal).toBeInstanceOf(InputError);
		expect(refusal.errors.confirmed).toMatch(/3 items are not confirmed/);
		await expect(signOffScenario(morgan, scenario.id, 1, hits.slice(0, 2).map((h) => h.key))).rejects.toThrow(/1 item is not confirmed/);
		expect((await refreshed(scenario.id)).signedOffAt).toBeNull();

		await signOffScenario(morgan, scenario.id, 1, hits.map((h) => h.key));
		expect((await refreshed(scenario.id)).signedOffBy).toBe(morgan.id);
		const [row] = await db
			.select()
			.from(auditLog)
			.where(and(eq(auditLog.entityId, scenario.id), eq(auditLog.action, 'sign-off')));
		expect((row.after as { confirmedNotReal: { text: string }[] }).confirmedNotReal.map((c) => c.text)).toEqual([
			'Jordan Whitfield',
			'DOB 02/02/2010',
			'SW1A 1AA'
		]);
	});

	it('is refused for a scenario with no injects', async () => {
		const morgan = await makeUser('consultant');
		const { scenario } = await makeScenario({ injects: [] });
		await expect(signOffScenario(morgan, scenario.id, 1, [])).rejects.toThrow(/at least one inject/);
	});

	it('is cleared by any later change to the scenario or its injects, and the clearing is audited', async () => {
		const casey = await makeUser('consultant');
		const morgan = await makeUser('consultant');
		const changes: [string, (version: number, injectId: string, scenarioId: string) => Promise<{ signOffCleared: boolean }>][] = [
			['details', (version, _i, id) => updateScenario(casey, id, { ...details, version })],
			['add inject', (version, _i, id) => addInject(casey, id, { ...inject, version })],
			['edit inject', (version, injectId, id) => updateInject(casey, id, injectId, { ...inject, version })],
			['move inject', (version, injectId, id) => moveInject(casey, id, injectId, 'down', version)],
			['delete inject', (version, injectId, id) => deleteInject(casey, id, injectId, version)]
		];
		for (const [what, change] of changes) {
			const { scenario, injects } = await makeScenario({ createdBy: casey, signedOffBy: morgan });
			expect(usableLive(scenario), what).toBe(true);
			const result = await change(1, injects[0].id, scenario.id);
			expect(result.signOffCleared, what).toBe(true);
			const after = await refreshed(scenario.id);
			expect(after.signedOffAt, what).toBeNull();
			expect(after.signedOffBy, what).toBeNull();
			expect(usableLive(after), what).toBe(false);
			const cleared = await db
				.select()
				.from(auditLog)
				.where(and(eq(auditLog.entityId, scenario.id), eq(auditLog.action, 'sign-off-cleared')));
			expect(cleared, what).toHaveLength(1);
			expect(cleared[0].actorId).toBe(casey.id);
		}
	});

	it('refuses a signer who read an older version', async () => {
		const casey = await makeUser('consultant');
		const morgan = await makeUser('consultant');
		const { scenario } = await makeScenario({ createdBy: casey });
		await updateScenario(casey, scenario.id, { ...details, version: 1 });
		await expect(signOffScenario(morgan, scenario.id, 1, [])).rejects.toThrow(ConflictError);
	});
});

describe('a scenario in use', () => {
	it('cannot change while an exercise of it has not ended, and keeps every inject that was released', async () => {
		const facilitator = await makeUser('consultant');
		const { scenario, injects } = await makeScenario({ signedOffBy: await makeUser('consultant') });
		const exercise = await createExercise(facilitator, { scenarioId: scenario.id, title: 'Tuesday', eventId: null, areaId: null });
		const started = await moveExercise(facilitator, { id: exercise.id, version: exercise.version, move: 'start' });
		await releaseInject(facilitator, { id: exercise.id, injectId: injects[0].id });

		await expect(updateInject(facilitator, scenario.id, injects[1].id, { ...inject, title: 'Changed mid-exercise', version: scenario.version })).rejects.toThrow(
			/The exercise “Tuesday” uses this scenario and has not ended/
		);
		const unchanged = await refreshed(scenario.id);
		expect(unchanged.version).toBe(scenario.version);
		expect(usableLive(unchanged)).toBe(true);

		await moveExercise(facilitator, { id: exercise.id, version: started.version, move: 'end' });
		await expect(deleteInject(facilitator, scenario.id, injects[0].id, scenario.version)).rejects.toBeInstanceOf(ConflictError);
		expect(await db.select().from(hydraInjects).where(eq(hydraInjects.scenarioId, scenario.id))).toHaveLength(injects.length);
		// An inject no exercise released may still go, once the exercise has ended.
		await deleteInject(facilitator, scenario.id, injects[2].id, scenario.version);
		expect(await db.select().from(hydraInjects).where(eq(hydraInjects.scenarioId, scenario.id))).toHaveLength(injects.length - 1);
	});
});

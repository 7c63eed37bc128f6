import { describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { db } from '$lib/server/db';
import { auditLog, mapActorPositions, mapActors, mapHandoffs } from '$lib/server/db/schema';
import { createActor, createActors, createHandoff, createHandoffs, deleteActor, listSnapshots, loadMap, pinActor, saveSnapshot, updateActor, updateHandoff, type HandoffInput } from '$lib/server/map';
import { historyOf, restoreSnapshot, undoOrRedo } from '$lib/server/map/history';
import { ConflictError, NotFoundError } from '$lib/server/errors';
import { HISTORY_LIMIT } from '$lib/domain/map/history';
import type { AreaContext } from '$lib/server/areas';
import type { AreaRole } from '$lib/domain/roles';
import { useTestDatabase } from '../helpers/database';
import { addMember, makeArea, makeUser } from '../helpers/factories';

useTestDatabase();

async function contextFor(role: AreaRole, area?: Awaited<ReturnType<typeof makeArea>>): Promise<AreaContext> {
	const a = area ?? (await makeArea());
	const user = await makeUser('partner');
	await addMember(a.id, user.id, role);
	return { area: a, role, user };
}

const actor = (name: string) => ({ name, sector: 'police' as const, kind: 'organisation' as const, audience: 'both' as const, description: '' });
const handoff = (fromActorId: string, toActorId: string, label = 'Missing notification'): HandoffInput => ({
	fromActorId,
	toActorId,
	label,
	stage: 'during',
	passes: 'information',
	audience: 'children',
	rating: 'patchy',
	trigger: '',
	standard: '',
	evidence: '',
	notes: '',
	isGap: false
});

async function undo(context: AreaContext) {
	const { undo } = await historyOf(context);
	if (!undo) throw new Error('nothing to undo');
	return undoOrRedo(context, undo.id, 'undo');
}
async function redo(context: AreaContext) {
	const { redo } = await historyOf(context);
	if (!redo) throw new Error('nothing to redo');
	return undoOrRedo(context, redo.id, 'redo');
}
const actorRow = async (id: string) => (await db.select().from(mapActors).where(eq(mapActors.id, id)))[0];

describe('undo and redo of map edits', () => {
	it('takes back and puts back an add, an edit and a move, newest first, as versioned edits with audit rows', async () => {
		const me = await contextFor('editor');
		const a = await createActor(me, actor('Youth club'), { x: 100, y: 120 });
		await updateActor(me, { ...actor('Youth centre'), id: a.id, version: a.version });
		await pinActor(me, a.id, { x: 300, y: 200 });
		expect((await historyOf(me)).undo?.label).toBe('move ‘Youth centre’');

		expect((await undo(me)).label).toBe('move ‘Youth centre’');
		const [pos] = await db.select().from(mapActorPositions).where(eq(mapActorPositions.actorId, a.id));
		expect([pos.x, pos.y]).toEqual([100, 120]);
		expect((await undo(me)).label).toBe('edit actor ‘Youth centre’');
		const row = await actorRow(a.id);
		expect(row.name).toBe('Youth club');
		expect(row.version).toBe(3);
		expect((await undo(me)).label).toBe('add actor ‘Youth club’');
		expect(await actorRow(a.id)).toBeUndefined();
		expect((await historyOf(me)).undo).toBeNull();

		await redo(me);
		await redo(me);
		await redo(me);
		expect((await actorRow(a.id)).name).toBe('Youth centre');
		const [moved] = await db.select().from(mapActorPositions).where(eq(mapActorPositions.actorId, a.id));
		expect([moved.x, moved.y]).toEqual([300, 200]);
		const audits = await db.select().from(auditLog).where(and(eq(auditLog.entityId, a.id), eq(auditLog.action, 'undo')));
		expect(audits.length).toBeGreaterThan(0);
	});

	it('puts back a removed actor with its position and handoffs', async () => {
		const me = await contextFor('editor');
		const a = await createActor(me, actor('Police'));
		const b = await createActor(me, actor('Social care'), { x: 50, y: 60 });
		await createHandoff(me, handoff(a.id, b.id));
		await deleteActor(me, { id: b.id, version: 1 });
		expect((await historyOf(me)).undo?.label).toBe('remove actor ‘Social care’ and 1 handoff');
		await undo(me);
		const map = await loadMap(me);
		expect(map.actors.map((x) => x.name).sort()).toEqual(['Police', 'Social care']);
		expect(map.handoffs).toHaveLength(1);
		expect(map.positions).toEqual([{ actorId: b.id, x: 50, y: 60 }]);
	});

	it('refuses to undo over someone else’s later change, and changes nothing', async () => {
		const area = await makeArea();
		const me = await contextFor('editor', area);
		const other = await contextFor('editor', area);
		const a = await createActor(me, actor('Police'));
		const b = await createActor(me, actor('School'));
		const h = await createHandoff(me, handoff(a.id, b.id, 'Return interview'));
		await updateHandoff(me, { ...handoff(a.id, b.id, 'Return home interview'), id: h.id, version: h.version });
		await updateHandoff(other, { ...handoff(a.id, b.id, 'RHI'), id: h.id, version: 2 });
		const error = await undo(me).catch((e) => e);
		expect(error).toBeInstanceOf(ConflictError);
		expect(error.message).toMatch(/Undo refused: the handoff ‘Return home interview’ was changed by .+ since\./);
		const [row] = await db.select().from(mapHandoffs).where(eq(mapHandoffs.id, h.id));
		expect(row.label).toBe('RHI');
		expect((await historyOf(me)).undo?.label).toBe('edit handoff ‘Return home interview’');
	});

	it('a new edit drops what was undone, keeps the newest edits only, and is per person', async () => {
		const area = await makeArea();
		const me = await contextFor('editor', area);
		const other = await contextFor('editor', area);
		for (let i = 0; i < HISTORY_LIMIT + 2; i++) await createActor(me, actor(`Team ${i}`));
		await undo(me);
		expect((await historyOf(me)).redo?.label).toBe(`add actor ‘Team ${HISTORY_LIMIT + 1}’`);
		await createActor(me, actor('Another'));
		expect((await historyOf(me)).redo).toBeNull();
		expect(await historyOf(other)).toEqual({ undo: null, redo: null });
		let count = 0;
		while ((await historyOf(me)).undo) {
			await undo(me);
			count++;
		}
		expect(count).toBe(HISTORY_LIMIT);
	});

	it('refuses an entry other than the one offered, and viewers cannot undo', async () => {
		const area = await makeArea();
		const me = await contextFor('editor', area);
		await createActor(me, actor('One'));
		const first = (await historyOf(me)).undo!;
		await createActor(me, actor('Two'));
		await expect(undoOrRedo(me, first.id, 'undo')).rejects.toThrow(/undo now means “add actor ‘Two’”/);
		const viewer = await contextFor('viewer', area);
		await expect(undoOrRedo(viewer, first.id, 'undo')).rejects.toBeInstanceOf(NotFoundError);
	});
});

describe('adding pasted actors', () => {
	it('adds all or none, and one undo takes them all back', async () => {
		const me = await contextFor('editor');
		await createActor(me, actor('Police'));
		await expect(createActors(me, [actor('Shelter'), actor('police')])).rejects.toThrow(/already on the map/);
		expect((await loadMap(me)).actors).toHaveLength(1);
		await createActors(me, [actor('Shelter'), actor('Clinic')]);
		expect((await loadMap(me)).actors).toHaveLength(3);
		expect((await undo(me)).label).toBe('add 2 actors');
		expect((await loadMap(me)).actors.map((a) => a.name)).toEqual(['Police']);
	});

	it('adds pasted handoffs all or none, and one undo takes them all back', async () => {
		const me = await contextFor('editor');
		const a = await createActor(me, actor('Police'));
		const b = await createActor(me, actor('School'));
		await createHandoff(me, handoff(a.id, b.id, 'Call'));
		// The same ends and label (in another case) as one on the map: refused, and the other row is not added either.
		await expect(createHandoffs(me, [handoff(b.id, a.id, 'Reply'), handoff(a.id, b.id, 'CALL')])).rejects.toThrow();
		expect((await loadMap(me)).handoffs).toHaveLength(1);
		await createHandoffs(me, [handoff(b.id, a.id, 'Reply'), handoff(a.id, b.id, 'Letter')]);
		expect((await loadMap(me)).handoffs).toHaveLength(3);
		expect((await undo(me)).label).toBe('add 2 handoffs');
		expect((await loadMap(me)).handoffs.map((h) => h.label)).toEqual(['Call']);
	});
});

describe('restoring a snapshot', () => {
	it('keeps the map first, then makes it the snapshot, and undo takes the restore back', async () => {
		const me = await contextFor('editor');
		const a = await createActor(me, actor('Police'));
		const b = await createActor(me, actor('School'));
		await createHandoff(me, handoff(a.id, b.id));
		const snapshot = await saveSnapshot(me, 'As is');
		await deleteActor(me, { id: b.id, version: 1 });
		await updateActor(me, { ...actor('Police force'), id: a.id, version: 1 });
		await createActor(me, actor('Youth club'));

		const result = await restoreSnapshot(me, snapshot.id);
		expect(result.counts).toEqual({ actors: { added: 1, removed: 1, changed: 1 }, handoffs: { added: 1, removed: 0, changed: 0 } });
		const map = await loadMap(me);
		expect(map.actors.map((x) => x.name).sort()).toEqual(['Police', 'School']);
		expect(map.handoffs).toHaveLength(1);
		expect(map.actors.find((x) => x.id === a.id)!.version).toBe(3);
		const names = (await listSnapshots(me)).map((s) => s.name);
		expect(names.some((n) => n.startsWith('Before restoring As is ('))).toBe(true);
		const restoreAudits = await db.select().from(auditLog).where(and(eq(auditLog.entityId, me.area.id), eq(auditLog.action, 'restore')));
		expect(restoreAudits).toHaveLength(1);

		expect((await undo(me)).label).toBe('restore snapshot ‘As is’');
		const back = await loadMap(me);
		expect(back.actors.map((x) => x.name).sort()).toEqual(['Police force', 'Youth club']);
		expect(back.handoffs).toHaveLength(0);
	});
});

import { describe, expect, it } from 'vitest';
import { and, asc, eq } from 'drizzle-orm';
import { db } from '$lib/server/db';
import { auditLog, mapActors, mapHandoffs, mapActorPositions } from '$lib/server/db/schema';
import {
	applyTemplate,
	createActor,
	createHandoff,
	deleteActor,
	deleteHandoff,
	listSnapshots,
	loadMap,
	mapDataOf,
	pinActor,
	saveSnapshot,
	unpinActor,
	updateActor,
	updateHandoff,
	type HandoffInput
} from '$lib/server/map';
import ExcelJS from 'exceljs';
import {
	cancelImport,
	confirmImport,
	exportBlueprint,
	exportRows,
	importMap,
	ImportError,
	parseBlueprint,
	parseCsv,
	parseXlsx,
	previewImport,
	stageImport,
	toCsv,
	toXlsx
} from '$lib/server/map/exchange';
import { actorDecorOf, networkLayoutOf, cacheSize } from '$lib/server/map/layout';
import { ConflictError, InputError, NotFoundError } from '$lib/server/errors';
import { CONNECTION_COLUMNS, ELEMENT_COLUMNS, type KumuRows } from '$lib/domain/map/kumu';
import { diffMaps } from '$lib/domain/map/diff';
import type { AreaContext } from '$lib/server/areas';
import type { AreaRole } from '$lib/domain/roles';
import type { MapData } from '$lib/domain/map/types';
import { useTestDatabase } from '../helpers/database';
import { addMember, makeArea, makeUser } from '../helpers/factories';

useTestDatabase();

async function contextFor(role: AreaRole, area?: Awaited<ReturnType<typeof makeArea>>): Promise<AreaContext> {
	const a = area ?? (await makeArea());
	const user = await makeUser('partner');
	await addMember(a.id, user.id, role);
	return { area: a, role, user };
}

const actor = (name: string, sector: 'police' | 'childrens_services' | 'adult_services' = 'police') => ({
	name,
	sector,
	kind: 'organisation' as const,
	audience: 'both' as const,
	description: ''
});

const handoff = (fromActorId: string, toActorId: string, extra: Partial<HandoffInput> = {}): HandoffInput => ({
	fromActorId,
	toActorId,
	label: 'Missing notification',
	stage: 'during',
	passes: 'information',
	audience: 'children',
	rating: 'patchy',
	trigger: '',
	standard: 'Within 24 hours',
	evidence: '',
	notes: '',
	isGap: false,
	...extra
});

const auditFor = (entityId: string) => db.select().from(auditLog).where(eq(auditLog.entityId, entityId)).orderBy(asc(auditLog.id));

describe('actors', () => {
	it('adds an actor on the canvas pinned where it was put, in one audited change', async () => {
		const editor = await contextFor('editor');
		const added = await createActor(editor, actor('Canvas test worker'), { x: 120.44, y: 300 });
		const [pin] = await db.select().from(mapActorPositions).where(eq(mapActorPositions.actorId, added.id));
		expect(pin).toMatchObject({ areaId: editor.area.id, x: 120.4, y: 300 });
		expect((await auditFor(added.id)).map((e) => [e.entity, e.action])).toEqual([
			['map_actor', 'create'],
			['map_position', 'pin']
		]);
		// A name already taken stores neither the actor nor a pin.
		await expect(createActor(editor, actor('canvas TEST worker'), { x: 1, y: 1 })).rejects.toBeInstanceOf(InputError);
		expect(await db.select().from(mapActorPositions).where(eq(mapActorPositions.areaId, editor.area.id))).toHaveLength(1);
	});

	it('creates, updates with the version read, and audits each change', async () => {
		const editor = await contextFor('editor');
		const police = await createActor(editor, actor('Police'));
		expect(police).toMatchObject({ name: 'Police', version: 1, areaId: editor.area.id });
		const updated = await updateActor(editor, { ...actor('Northbrook Police'), id: police.id, version: 1 });
		expect(updated.version).toBe(2);
		await expect(updateActor(editor, { ...actor('Stale'), id: police.id, version: 1 })).rejects.toBeInstanceOf(ConflictError);
		const [row] = await db.select().from(mapActors).where(eq(mapActors.id, police.id));
		expect(row.name).toBe('Northbrook Police');
		const entries = await auditFor(police.id);
		expect(entries.map((e) => e.action)).toEqual(['create', 'update']);
		expect(entries[1].before).toMatchObject({ name: 'Police' });
		expect(entries[1].after).toMatchObject({ name: 'Northbrook Police' });
		expect(entries[1].actorId).toBe(editor.user.id);
	});

	it('refuses a second actor with the same name, whatever its case', async () => {
		const editor = await contextFor('editor');
		await createActor(editor, actor('Police'));
		await expect(createActor(editor, actor('POLICE'))).rejects.toBeInstanceOf(InputError);
		// Another area may use the name.
		const other = await contextFor('editor');
		await expect(createActor(other, actor('Police'))).resolves.toMatchObject({ name: 'Police' });
	});

	it('gives viewers nothing to change', async () => {
		const area = await makeArea();
		const editor = await contextFor('editor', area);
		const viewer = await contextFor('viewer', area);
		const police = await createActor(editor, actor('Police'));
		await expect(createActor(viewer, actor('Other'))).rejects.toBeInstanceOf(NotFoundError);
		await expect(updateActor(viewer, { ...actor('Renamed'), id: police.id, version: 1 })).rejects.toBeInstanceOf(NotFoundError);
		await expect(deleteActor(viewer, { id: police.id, version: 1 })).rejects.toBeInstanceOf(NotFoundError);
		await expect(applyTemplate(viewer)).rejects.toBeInstanceOf(NotFoundError);
		await expect(saveSnapshot(viewer, 'As is')).rejects.toBeInstanceOf(NotFoundError);
		expect((await loadMap(viewer)).actors).toHaveLength(1);
	});

	it('changes nothing when given the id of another area\'s actor', async () => {
		const mine = await contextFor('editor');
		const theirs = await contextFor('editor');
		const their = await createActor(theirs, actor('Their police'));
		await expect(updateActor(mine, { ...actor('Taken over'), id: their.id, version: 1 })).rejects.toBeInstanceOf(NotFoundError);
		await expect(deleteActor(mine, { id: their.id, version: 1 })).rejects.toBeInstanceOf(NotFoundError);
		await expect(pinActor(mine, their.id, { x: 10, y: 10 })).rejects.toBeInstanceOf(NotFoundError);
		const [row] = await db.select().from(mapActors).where(eq(mapActors.id, their.id));
		expect(row).toMatchObject({ name: 'Their police', version: 1 });
	});

	it('removes an actor with its handoffs and position', async () => {
		const editor = await contextFor('editor');
		const a = await createActor(editor, actor('Police'));
		const b = await createActor(editor, actor('Social care', 'childrens_services'));
		await createHandoff(editor, handoff(a.id, b.id));
		await pinActor(editor, a.id, { x: 100, y: 100 });
		const result = await deleteActor(editor, { id: a.id, version: 1 });
		expect(result.handoffsRemoved).toBe(1);
		const map = await loadMap(editor);
		expect(map.actors.map((x) => x.name)).toEqual(['Social care']);
		expect(map.handoffs).toHaveLength(0);
		expect(map.positions).toHaveLength(0);
		const [entry] = (await auditFor(a.id)).filter((e) => e.action === 'delete');
		expect((entry.before as { handoffs: unknown[] }).handoffs).toHaveLength(1);
	});
});

describe('handoffs', () => {
	it('creates, updates and removes a handoff, checking versions', async () => {
		const editor = await contextFor('editor');
		const a = await createActor(editor, actor('Police'));
		const b = await createActor(editor, actor('Social care', 'childrens_services'));
		const h = await createHandoff(editor, handoff(a.id, b.id, { isGap: true, evidence: 'Audit 2025' }));
		expect(h).toMatchObject({ isGap: true, evidence: 'Audit 2025', version: 1 });
		const updated = await updateHandoff(editor, { ...handoff(a.id, b.id, { rating: 'broken' }), id: h.id, version: 1 });
		expect(updated).toMatchObject({ rating: 'broken', isGap: false, version: 2 });
		await expect(updateHandoff(editor, { ...handoff(a.id, b.id), id: h.id, version: 1 })).rejects.toBeInstanceOf(ConflictError);
		await expect(deleteHandoff(editor, { id: h.id, version: 1 })).rejects.toBeInstanceOf(ConflictError);
		await deleteHandoff(editor, { id: h.id, version: 2 });
		expect((await auditFor(h.id)).map((e) => e.action)).toEqual(['create', 'update', 'delete']);
	});

	it('refuses a handoff from an actor of another area, in the verb and in the database', async () => {
		const mine = await contextFor('editor');
		const theirs = await contextFor('editor');
		const my = await createActor(mine, actor('My police'));
		const their = await createActor(theirs, actor('Their police'));
		await expect(createHandoff(mine, handoff(their.id, my.id))).rejects.toMatchObject({
			errors: { fromActorId: 'Choose an actor on this map.' }
		});
		await expect(createHandoff(mine, handoff(my.id, their.id))).rejects.toBeInstanceOf(InputError);
		// Even written straight to the table, the composite foreign key refuses it.
		await expect(
			db.insert(mapHandoffs).values({ id: 'forged', areaId: mine.area.id, ...handoff(their.id, my.id) })
		).rejects.toThrow();
		expect(await db.select().from(mapHandoffs).where(eq(mapHandoffs.areaId, mine.area.id))).toHaveLength(0);
	});

	it('refuses a handoff to the same actor, and a duplicate between the same two', async () => {
		const editor = await contextFor('editor');
		const a = await createActor(editor, actor('Police'));
		const b = await createActor(editor, actor('Social care', 'childrens_services'));
		await expect(createHandoff(editor, handoff(a.id, a.id))).rejects.toMatchObject({ errors: { toActorId: expect.any(String) } });
		await createHandoff(editor, handoff(a.id, b.id));
		await expect(createHandoff(editor, handoff(a.id, b.id, { label: 'MISSING NOTIFICATION' }))).rejects.toMatchObject({
			errors: { label: expect.stringContaining('already have a handoff') }
		});
	});
});

describe('positions, template and layout', () => {
	it('pins and unpins an actor, and the layout keeps a pinned actor where it was put', async () => {
		const editor = await contextFor('editor');
		const a = await createActor(editor, actor('Police'));
		await createActor(editor, actor('Social care', 'childrens_services'));
		await pinActor(editor, a.id, { x: 123.45, y: 200 });
		const rows = await loadMap(editor);
		expect(rows.positions).toEqual([{ actorId: a.id, x: 123.5, y: 200 }]);
		const layout = networkLayoutOf(mapDataOf(rows), rows.positions);
		expect(layout.nodes.find((n) => n.id === a.id)).toMatchObject({ x: 123.5, y: 200, pinned: true });
		// The same data again is served from the cache.
		const size = cacheSize();
		expect(networkLayoutOf(mapDataOf(rows), rows.positions)).toBe(layout);
		expect(cacheSize()).toBe(size);
		expect(await unpinActor(editor, a.id)).toBe(true);
		expect(await db.select().from(mapActorPositions).where(eq(mapActorPositions.actorId, a.id))).toHaveLength(0);
		expect((await auditFor(a.id)).map((e) => e.action)).toEqual(['create', 'pin', 'unpin']);
	});

	it('sizes and colours actors from the whole map once per map version and choice, and afresh after a change', async () => {
		const editor = await contextFor('editor');
		const police = await createActor(editor, actor('Police'));
		const care = await createActor(editor, actor('Social care', 'childrens_services'));
		await createHandoff(editor, handoff(police.id, care.id));
		const before = mapDataOf(await loadMap(editor));
		const sized = actorDecorOf(before, { size: 'degree', colour: 'rating' });
		expect(sized.sizes?.[police.id]).toMatchObject({ text: '1 handoff' });
		expect(sized.colours?.[police.id]).toMatchObject({ key: expect.stringMatching(/^rating:/) });
		expect(actorDecorOf(mapDataOf(await loadMap(editor)), { size: 'degree', colour: 'rating' })).toBe(sized);
		expect(actorDecorOf(before, { size: null, colour: 'sector' })).toEqual({ sizes: null, colours: null });
		const other = await createActor(editor, actor('Adult care', 'adult_services'));
		await createHandoff(editor, handoff(police.id, other.id));
		const after = actorDecorOf(mapDataOf(await loadMap(editor)), { size: 'degree', colour: 'rating' });
		expect(after.sizes?.[police.id]).toMatchObject({ text: '2 handoffs' });
	});

	it('starts an empty map from the template, and only an empty one', async () => {
		const editor = await contextFor('editor');
		const result = await applyTemplate(editor);
		expect(result.actors).toBeGreaterThanOrEqual(20);
		expect(result.handoffs).toBeGreaterThanOrEqual(30);
		expect((await loadMap(editor)).handoffs).toHaveLength(result.handoffs);
		await expect(applyTemplate(editor)).rejects.toBeInstanceOf(InputError);
	});
});

describe('snapshots', () => {
	it('saves a named snapshot and tells what changed since', async () => {
		const editor = await contextFor('editor');
		const a = await createActor(editor, actor('Police'));
		const b = await createActor(editor, actor('Social care', 'childrens_services'));
		const h = await createHandoff(editor, handoff(a.id, b.id));
		await saveSnapshot(editor, 'As is');
		await expect(saveSnapshot(editor, 'as IS')).rejects.toBeInstanceOf(InputError);
		const c = await createActor(editor, actor('Adult social care', 'adult_services'));
		await updateHandoff(editor, { ...handoff(a.id, b.id, { rating: 'working' }), id: h.id, version: 1 });
		await deleteActor(editor, { id: b.id, version: 1 });
		const [snapshot] = await listSnapshots(editor);
		expect(snapshot.name).toBe('As is');
		const diff = diffMaps(snapshot.data, mapDataOf(await loadMap(editor)));
		expect(diff.actors.added.map((x) => x.id)).toEqual([c.id]);
		expect(diff.actors.removed.map((x) => x.id)).toEqual([b.id]);
		expect(diff.handoffs.removed.map((x) => x.id)).toEqual([h.id]);
		// Another area sees none of it.
		expect(await listSnapshots(await contextFor('editor'))).toHaveLength(0);
	});
});

/** A map with every field filled, including values a spreadsheet would take for formulas. */
async function richMap(context: AreaContext) {
	const a = await createActor(context, { name: 'Police', sector: 'police', kind: 'team', audience: 'both', description: '=HYPERLINK("x")' });
	const b = await createActor(context, { name: "Children's services", sector: 'childrens_services', kind: 'organisation', audience: 'children', description: 'Front door, "MASH"; commas, too' });
	const c = await createActor(context, { name: '-Adult care', sector: 'adult_services', kind: 'role', audience: 'adults', description: '' });
	await createHandoff(context, handoff(a.id, b.id, { trigger: '+1 episode', standard: '@once', evidence: 'Line one\nline two', notes: 'Note', isGap: true, rating: 'broken', passes: 'form', stage: 'before' }));
	await createHandoff(context, handoff(c.id, a.id, { label: 'Follow-up', audience: 'adults', rating: 'absent', stage: 'after', passes: 'referral' }));
}

/** Map data without ids, with ends named, to compare two areas' maps. */
function comparable(map: MapData) {
	const name = new Map(map.actors.map((a) => [a.id, a.name]));
	return {
		actors: map.actors.map(({ id: _, ...a }) => a).sort((x, y) => x.name.localeCompare(y.name)),
		handoffs: map.handoffs
			.map(({ id: _, fromActorId, toActorId, ...h }) => ({ from: name.get(fromActorId), to: name.get(toActorId), ...h }))
			.sort((x, y) => x.label.localeCompare(y.label))
	};
}

describe('import and export', () => {
	it('round-trips every field through .xlsx, CSV and the JSON blueprint', async () => {
		const source = await contextFor('editor');
		await richMap(source);
		const expected = comparable(mapDataOf(await loadMap(source)));
		const rows = await exportRows(source);

		const viaXlsx = await contextFor('editor');
		const xlsx = await toXlsx(rows);
		await importMap(viaXlsx, await parseXlsx(new Uint8Array(xlsx).buffer as ArrayBuffer));
		expect(comparable(mapDataOf(await loadMap(viaXlsx)))).toEqual(expected);

		const viaCsv = await contextFor('editor');
		const elements = toCsv(rows.elements, ELEMENT_COLUMNS);
		const connections = toCsv(rows.connections, CONNECTION_COLUMNS);
		expect(elements).toContain(`"'=HYPERLINK(""x"")"`);
		expect(elements).toContain("'-Adult care");
		expect(connections).toContain("'+1 episode");
		await importMap(viaCsv, { elements: parseCsv(elements, 'Elements'), connections: parseCsv(connections, 'Connections') });
		expect(comparable(mapDataOf(await loadMap(viaCsv)))).toEqual(expected);

		const viaJson = await contextFor('editor');
		await importMap(viaJson, parseBlueprint(JSON.stringify(await exportBlueprint(source))));
		expect(comparable(mapDataOf(await loadMap(viaJson)))).toEqual(expected);
	});

	it('updates by name on a second import instead of duplicating', async () => {
		const editor = await contextFor('editor');
		await richMap(editor);
		const rows = await exportRows(editor);
		expect(await importMap(editor, rows)).toEqual({ actorsAdded: 0, actorsUpdated: 0, handoffsAdded: 0, handoffsUpdated: 0 });
		rows.elements.find((r) => r.Label === 'Police')!.Description = 'Changed';
		rows.connections.find((r) => r.Label === 'Follow-up')!.Rating = 'patchy';
		rows.elements.push({ Label: 'GP', Sector: 'health', Kind: 'role', Serves: 'both', Type: '', Tags: '', Description: '' });
		expect(await importMap(editor, rows)).toEqual({ actorsAdded: 1, actorsUpdated: 1, handoffsAdded: 0, handoffsUpdated: 1 });
		const map = await loadMap(editor);
		expect(map.actors).toHaveLength(4);
		expect(map.handoffs).toHaveLength(2);
		const police = map.actors.find((a) => a.name === 'Police')!;
		expect(police).toMatchObject({ description: 'Changed', version: 2 });
		expect((await auditFor(police.id)).map((e) => e.action)).toEqual(['create', 'import']);
	});

	it('imports nothing when any row is bad, and names each bad row', async () => {
		const editor = await contextFor('editor');
		await createActor(editor, actor('Police'));
		const rows: KumuRows = {
			elements: [
				{ Label: 'School', Sector: 'education' },
				{ Label: 'Ghost', Sector: 'haunting' }
			],
			connections: [
				{ From: 'School', To: 'Police', Stage: 'before', Rating: 'working' },
				{ From: 'School', To: 'Nowhere', Stage: 'before' }
			]
		};
		const error = await importMap(editor, rows).catch((e) => e);
		expect(error).toBeInstanceOf(ImportError);
		expect(error.rows).toEqual([
			expect.stringMatching(/^Elements row 3: the sector "haunting"/),
			'Connections row 3: To names "Nowhere", which is not an element.'
		]);
		expect(error.errors.file).toContain('Nothing was imported: 2 rows need correcting');
		const map = await loadMap(editor);
		expect(map.actors.map((a) => a.name)).toEqual(['Police']);
		expect(map.handoffs).toHaveLength(0);
	});

	it('refuses a file that is not a workbook or not a blueprint', async () => {
		await expect(parseXlsx(new TextEncoder().encode('not a zip').buffer as ArrayBuffer)).rejects.toBeInstanceOf(ImportError);
		expect(() => parseBlueprint('{"nodes": []}')).toThrow(/no "elements" list/);
		expect(() => parseBlueprint('{oops')).toThrow(/not valid JSON/);
	});

	it('does not let a viewer import', async () => {
		const viewer = await contextFor('viewer');
		await expect(importMap(viewer, { elements: [{ Label: 'X' }], connections: [] })).rejects.toBeInstanceOf(NotFoundError);
		expect((await db.select().from(mapActors).where(and(eq(mapActors.areaId, viewer.area.id)))).length).toBe(0);
	});
});

describe('importing a file as Kumu writes it, through the mapping step', () => {
	// Kumu's own columns only: free element types, connection types without a stage or a rating, an undirected one.
	async function kumuWorkbook() {
		const workbook = new ExcelJS.Workbook();
		workbook.addWorksheet('Elements').addRows([
			['Label', 'Type', 'Tags', 'Description'],
			['Northvale Constabulary', 'Organization', 'statutory', 'Force control room'],
			['Brightside Youth Club', 'Charity', '', ''],
			['Kim (funder)', 'Funder', '', 'Not part of the response']
		]);
		workbook.addWorksheet('Connections').addRows([
			['From', 'To', 'Type', 'Direction', 'Label'],
			['Brightside Youth Club', 'Northvale Constabulary', 'Referral', 'directed', 'Concern raised'],
			['Northvale Constabulary', 'Brightside Youth Club', 'Information sharing', 'mutual', 'Debrief'],
			['Kim (funder)', 'Brightside Youth Club', 'Funding', 'directed', 'Grant']
		]);
		return parseXlsx(new Uint8Array(await workbook.xlsx.writeBuffer()));
	}

	it('maps types to sectors and what passes, previews, then imports; importing again adds nothing twice', async () => {
		const editor = await contextFor('editor');
		const id = await stageImport(editor, await kumuWorkbook(), 'kumu.xlsx');
		const guessed = await previewImport(editor, id, new URLSearchParams());
		expect(guessed.needs.elementTypes.map((t) => t.type)).toEqual(['Charity', 'Funder', 'Organization']);
		expect(guessed.needs.connectionTypes.map((t) => t.type)).toEqual(['Funding', 'Information sharing', 'Referral']);
		expect(guessed.needs).toMatchObject({ withoutStage: 3, withoutRating: 3, undirected: 1 });
		// Guesses from the words: a charity is voluntary, a referral a referral.
		expect(guessed.mapping.elements.charity.sector).toBe('voluntary');
		expect(guessed.mapping.connections.referral).toBe('referral');
		expect(guessed.plan).toMatchObject({ actors: { add: expect.any(Array) } });
		expect(guessed.plan!.actors.add).toHaveLength(3);

		// Organization -> police, Funder skipped (with its connection), Referral as a referral, stage Return, rating Patchy.
		const choices = new URLSearchParams({ e0: 'voluntary', e1: 'skip', e2: 'police', k2: 'organisation', c2: 'referral', stage: 'return', rating: 'patchy' });
		const preview = await previewImport(editor, id, choices);
		expect(preview.plan!.actors.add.map((a) => [a.name, a.sector])).toEqual([
			['Northvale Constabulary', 'police'],
			['Brightside Youth Club', 'voluntary']
		]);
		expect(preview.plan!.skipped).toEqual([
			'Elements row 4: "Kim (funder)" skipped, as its type "Funder" is set to skip.',
			'Connections row 4: Kim (funder) to Brightside Youth Club skipped, as "Kim (funder)" is skipped.'
		]);
		// Previewing wrote nothing.
		expect((await loadMap(editor)).actors).toHaveLength(0);

		expect(await confirmImport(editor, id, choices)).toEqual({ actorsAdded: 2, actorsUpdated: 0, handoffsAdded: 2, handoffsUpdated: 0 });
		const map = mapDataOf(await loadMap(editor));
		const concern = map.handoffs.find((h) => h.label === 'Concern raised')!;
		expect(concern).toMatchObject({ stage: 'return', rating: 'patchy', passes: 'referral' });
		expect(map.handoffs.find((h) => h.label === 'Debrief')).toMatchObject({ passes: 'information' });
		// The pending file is gone once imported.
		await expect(previewImport(editor, id, choices)).rejects.toBeInstanceOf(NotFoundError);

		const again = await stageImport(editor, await kumuWorkbook(), 'kumu.xlsx');
		const second = await previewImport(editor, again, choices);
		expect(second.plan).toMatchObject({ actors: { add: [], update: [], unchanged: 2 }, handoffs: { add: [], update: [], unchanged: 2 } });
		expect(await confirmImport(editor, again, choices)).toEqual({ actorsAdded: 0, actorsUpdated: 0, handoffsAdded: 0, handoffsUpdated: 0 });
	});

	it('reads a Kumu JSON backup, whose connections name elements by id, and skips undirected ones when asked', async () => {
		const editor = await contextFor('editor');
		const blueprint = {
			elements: [
				{ _id: 'elem-1', attributes: { label: 'Riverside Hospital', 'element type': 'NHS trust' } },
				{ _id: 'elem-2', attributes: { label: 'Missing persons unit', 'element type': 'Police team' } }
			],
			connections: [
				{ _id: 'conn-1', from: 'elem-1', to: 'elem-2', direction: 'directed', attributes: { 'connection type': 'Report' } },
				{ _id: 'conn-2', from: 'elem-2', to: 'elem-1', direction: 'undirected', attributes: { 'connection type': 'Report', label: 'Catch-up' } }
			]
		};
		const id = await stageImport(editor, parseBlueprint(JSON.stringify(blueprint)), 'project.json');
		const preview = await previewImport(editor, id, new URLSearchParams({ undirected: 'skip' }));
		expect(preview.plan!.actors.add.map((a) => [a.name, a.sector, a.kind])).toEqual([
			['Riverside Hospital', 'health', 'organisation'],
			['Missing persons unit', 'police', 'team']
		]);
		expect(preview.plan!.handoffs.add).toEqual([expect.objectContaining({ from: 'Riverside Hospital', to: 'Missing persons unit', passes: 'form' })]);
		expect(preview.plan!.skipped).toEqual(['Connections row 2: Missing persons unit to Riverside Hospital skipped, as it is undirected and those are set to skip.']);
	});

	it('keeps a pending file to the person who uploaded it, and forgets it on cancel', async () => {
		const editor = await contextFor('editor');
		const other = await contextFor('editor', editor.area);
		const id = await stageImport(editor, await kumuWorkbook(), 'kumu.xlsx');
		await expect(previewImport(other, id, new URLSearchParams())).rejects.toBeInstanceOf(NotFoundError);
		await expect(confirmImport(other, id, new URLSearchParams())).rejects.toBeInstanceOf(NotFoundError);
		await cancelImport(editor, id);
		await expect(previewImport(editor, id, new URLSearchParams())).rejects.toBeInstanceOf(NotFoundError);
		expect((await loadMap(editor)).actors).toHaveLength(0);
	});
});

// Area backup and restore: the whole demo area (map, snapshots, models, surveys, theory of change, figures, actions
// and their history) survives a round trip byte for byte, a version 1 file still restores, and a bad, altered or
// inconsistent file imports nothing at all.
import { describe, expect, it } from 'vitest';
import { count, eq, inArray } from 'drizzle-orm';
import { readFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { db } from '$lib/server/db';
import {
	actionLinks,
	actionUpdates,
	actions,
	areas,
	auditLog,
	mapActorPositions,
	mapActors,
	mapHandoffs,
	mapSnapshots,
	memberships,
	mentalModels,
	missingFigures,
	modelActorLinks,
	modelHandoffLinks,
	modelStatements,
	surveyAnswers,
	surveyResponses,
	surveyRoundStatements,
	surveyRounds,
	tocIndicators,
	tocLinks,
	tocNodes,
	tocReadings
} from '$lib/server/db/schema';
import { seedDemo } from '$lib/server/seed';
import { loadAreaContext } from '$lib/server/areas';
import { createActor, deleteActor, pinActor, saveSnapshot } from '$lib/server/map';
import { createAction } from '$lib/server/actions';
import { openRound, submitResponse } from '$lib/server/models/surveys';
import { exportArea, importArea, type AreaBackup } from '$lib/server/backup';
import { BACKUP_VERSION, canonicalJson } from '$lib/domain/backup';
import { UPLOAD_LIMITS } from '$lib/domain/uploads';
import { InputError, NotFoundError } from '$lib/server/errors';
import { hashToken, newToken } from '$lib/server/ids';
import type { SessionUser } from '$lib/server/auth/session';
import { useTestDatabase } from '../helpers/database';
import { makeUser } from '../helpers/factories';

useTestDatabase();

/** The file in canonical form, without the two fields the format documents as differing between exports. */
const comparable = (backup: object) => {
	const { exportedAt: _at, checksum: _sum, ...rest } = backup as Record<string, unknown>;
	return canonicalJson(rest);
};
const resign = (file: Record<string, unknown>) => {
	const { checksum: _old, ...payload } = file;
	return { ...file, checksum: `sha256:${createHash('sha256').update(canonicalJson(payload)).digest('hex')}` };
};

// Every table the file carries, by area; survey answers through their round.
const perArea = {
	mapActors,
	mapActorPositions,
	mapHandoffs,
	mapSnapshots,
	mentalModels,
	modelStatements,
	modelActorLinks,
	modelHandoffLinks,
	surveyRounds,
	surveyRoundStatements,
	surveyResponses,
	tocNodes,
	tocLinks,
	tocIndicators,
	tocReadings,
	missingFigures,
	actions,
	actionUpdates,
	actionLinks
};
async function rowsOf(areaId: string) {
	const counts: Record<string, number> = {};
	for (const [name, table] of Object.entries(perArea)) {
		const [{ n }] = await db.select({ n: count() }).from(table).where(eq(table.areaId, areaId));
		counts[name] = n;
	}
	const rounds = (await db.select({ id: surveyRounds.id }).from(surveyRounds).where(eq(surveyRounds.areaId, areaId))).map((r) => r.id);
	const [{ n }] = await db.select({ n: count() }).from(surveyAnswers).where(inArray(surveyAnswers.roundId, rounds.length ? rounds : ['none']));
	counts.surveyAnswers = n;
	return counts;
}
/** Rows in every table an import writes to, across all areas. */
async function everyRow() {
	const counts: Record<string, number> = {};
	for (const [name, table] of Object.entries({ ...perArea, surveyAnswers, areas, memberships, auditLog })) {
		const [{ n }] = await db.select({ n: count() }).from(table);
		counts[name] = n;
	}
	return counts;
}
const areaIdOf = async (slug: string) => (await db.select({ id: areas.id }).from(areas).where(eq(areas.slug, slug)))[0].id;

describe('area backup and restore', () => {
	let admin: SessionUser;
	let original: AreaBackup;

	it('exports the whole demo area, imports it as a new area, and exports it again byte for byte the same', async () => {
		await seedDemo('demo pass 2026', 'S3KWTBZAR36TTEMO2IYBVJ3AVHILPYVW');
		admin = await makeUser('admin');
		// Beyond the seed: a pinned actor, a snapshot holding an actor since deleted, an action linked to every kind of
		// target, and an open round with one response. All must survive.
		const context = (await loadAreaContext(admin, 'northbrook', 'lead'))!;
		const gone = await createActor(context, { name: 'Temporary panel', sector: 'multi_agency', kind: 'organisation', audience: 'both', description: '' });
		await saveSnapshot(context, 'Before the panel closed');
		await deleteActor(context, { id: gone.id, version: gone.version });
		const [first] = await db.select().from(mapActors).where(eq(mapActors.areaId, context.area.id)).limit(1);
		await pinActor(context, first.id, { x: 120.5, y: 300.25 });
		const [handoff] = await db.select().from(mapHandoffs).where(eq(mapHandoffs.areaId, context.area.id)).limit(1);
		const [node] = await db.select().from(tocNodes).where(eq(tocNodes.areaId, context.area.id)).limit(1);
		const [model] = await db.select().from(mentalModels).where(eq(mentalModels.areaId, context.area.id)).limit(1);
		await createAction(context, {
			title: 'Agree who calls the family',
			description: 'Linked to a handoff, a step and a model.',
			ownerActorId: first.id,
			ownerUserId: null,
			dueDate: '2026-09-30',
			status: 'in_progress',
			priority: 'high',
			handoffIds: [handoff.id],
			tocNodeIds: [node.id],
			modelIds: [model.id]
		});
		const statements = await db.select().from(modelStatements).where(eq(modelStatements.areaId, context.area.id));
		const round = await openRound(context, { label: 'Follow-up 2', statementIds: statements.slice(0, 2).map((s) => s.id) });
		const cookieHash = hashToken(newToken());
		await submitResponse(round.code, { sector: 'police', comment: 'Clearer now.', scores: { [statements[0].id]: 4, [statements[1].id]: 2 } }, cookieHash, '192.0.2.10');

		await db.update(areas).set({ planSummary: 'Every return gets a conversation.\nEvery partner sees the whole journey.' }).where(eq(areas.id, context.area.id));

		original = await exportArea(admin, 'northbrook');
		expect(original.area.planSummary).toBe('Every return gets a conversation.\nEvery partner sees the whole journey.');
		expect(original.version).toBe(BACKUP_VERSION);
		// Every part of the area is in the file.
		const source = await rowsOf(context.area.id);
		expect(original.map.actors).toHaveLength(source.mapActors);
		expect(original.map.handoffs).toHaveLength(source.mapHandoffs);
		expect(original.map.snapshots.length).toBeGreaterThanOrEqual(2);
		expect(original.map.snapshots.some((s) => s.actors.some((a) => a.name === 'Temporary panel'))).toBe(true);
		expect(original.models).toHaveLength(source.mentalModels);
		expect(original.models.filter((m) => m.programmeKey).map((m) => m.programmeKey)).toEqual(['episode', 'police', 'adults']);
		expect(original.models.flatMap((m) => m.statements)).toHaveLength(source.modelStatements);
		expect(original.surveys.map((s) => s.label)).toEqual(['Baseline', 'Follow-up 1', 'Follow-up 2']);
		expect(original.surveys.flatMap((s) => s.responses)).toHaveLength(source.surveyResponses);
		expect(original.surveys.flatMap((s) => s.responses.flatMap((r) => r.answers))).toHaveLength(source.surveyAnswers);
		expect(original.toc.nodes).toHaveLength(source.tocNodes);
		expect(original.toc.links).toHaveLength(source.tocLinks);
		expect(original.toc.links.some((l) => l.rationale && l.assumptions)).toBe(true);
		expect(original.toc.indicators.flatMap((i) => i.readings)).toHaveLength(source.tocReadings);
		expect(original.missingFigures).toHaveLength(source.missingFigures);
		expect(original.actions).toHaveLength(source.actions);
		expect(original.actions.flatMap((a) => a.updates)).toHaveLength(source.actionUpdates);
		expect(original.actions.reduce((n, a) => n + a.handoffs.length + a.tocNodes.length + a.models.length, 0)).toBe(source.actionLinks);
		for (const [name, n] of Object.entries(source)) expect(n, `${name} in the demo area`).toBeGreaterThan(0);

		// Anonymous answers stay anonymous: no participant hash and no round code travels.
		const text = JSON.stringify(original, null, 2);
		const sourceResponses = await db.select({ hash: surveyResponses.participantHash }).from(surveyResponses).where(eq(surveyResponses.areaId, context.area.id));
		for (const { hash } of sourceResponses) expect(text).not.toContain(hash);
		for (const { code } of await db.select({ code: surveyRounds.code }).from(surveyRounds).where(eq(surveyRounds.areaId, context.area.id))) {
			expect(text).not.toContain(code);
		}
		// Nor does anyone's account.
		expect(text).not.toContain(context.user.id);
		expect(text).not.toContain('@homeward.test');

		const restored = await importArea(admin, text, 'northbrook-copy');
		expect(restored.name).toBe('Northbrook');
		const again = await exportArea(admin, 'northbrook-copy');
		expect(comparable(again)).toBe(comparable(original));
		expect(await rowsOf(restored.id)).toEqual(source);

		// The copy's rounds have new codes and its responses hashes that no browser holds.
		const copyRounds = await db.select().from(surveyRounds).where(eq(surveyRounds.areaId, restored.id));
		expect(copyRounds.map((r) => r.code)).not.toContain(round.code);
		const copyHashes = (await db.select().from(surveyResponses).where(eq(surveyResponses.areaId, restored.id))).map((r) => r.participantHash);
		expect(copyHashes).not.toContain(cookieHash);
		expect(new Set(copyHashes).size).toBe(copyHashes.length);
		// People are not carried: the copy's work has no authors, and its only member is the admin who restored it.
		const [copied] = await db.select().from(actions).where(eq(actions.areaId, restored.id)).limit(1);
		expect(copied.ownerUserId).toBeNull();
		expect(copied.createdBy).toBeNull();
		expect(await db.select({ userId: memberships.userId, role: memberships.role }).from(memberships).where(eq(memberships.areaId, restored.id))).toEqual([
			{ userId: admin.id, role: 'lead' }
		]);
	});

	it('imports one file twice as two independent areas', async () => {
		const text = JSON.stringify(original);
		const second = await importArea(admin, text, 'northbrook-second');
		const first = await areaIdOf('northbrook-copy');
		const idsOf = async (areaId: string) => [
			...(await db.select({ id: mapActors.id }).from(mapActors).where(eq(mapActors.areaId, areaId))).map((r) => r.id),
			...(await db.select({ id: tocNodes.id }).from(tocNodes).where(eq(tocNodes.areaId, areaId))).map((r) => r.id),
			...(await db.select({ id: mentalModels.id }).from(mentalModels).where(eq(mentalModels.areaId, areaId))).map((r) => r.id),
			...(await db.select({ id: actions.id }).from(actions).where(eq(actions.areaId, areaId))).map((r) => r.id)
		];
		const shared = new Set(await idsOf(first));
		expect((await idsOf(second.id)).filter((id) => shared.has(id))).toEqual([]);
		// Removing one copy leaves the other whole.
		await db.delete(areas).where(eq(areas.id, first));
		expect(comparable(await exportArea(admin, 'northbrook-second'))).toBe(comparable(original));
	});

	it('still restores a version 1 file (map and actions only), giving the area the programme models', async () => {
		const v1 = JSON.parse(readFileSync('tests/fixtures/area-backup-v1.json', 'utf8'));
		expect(v1.version).toBe(1);
		const restored = await importArea(admin, JSON.stringify(v1), 'southmere-from-v1');
		const now = await exportArea(admin, restored.slug);
		const unstamped = <T extends object>(rows: T[]) => rows.map(({ createdAt: _c, updatedAt: _u, ...rest }: T & { createdAt?: string; updatedAt?: string }) => rest);
		expect(canonicalJson(unstamped(now.map.actors))).toBe(canonicalJson(v1.map.actors));
		expect(canonicalJson(unstamped(now.map.handoffs))).toBe(canonicalJson(v1.map.handoffs));
		expect(canonicalJson(now.map.snapshots)).toBe(canonicalJson(v1.map.snapshots));
		// Version 2 lists an action's updates in time order (version 1 by content): the same updates either way.
		const chronological = (list: AreaBackup['actions']) =>
			list.map(({ tocNodes: _t, models: _m, ...a }) => ({ ...a, updates: [...a.updates].sort((x, y) => x.createdAt.localeCompare(y.createdAt)) }));
		expect(canonicalJson(chronological(now.actions))).toBe(canonicalJson(chronological(v1.actions)));
		expect(now.models.map((m) => m.programmeKey)).toEqual(['episode', 'police', 'adults']);
		expect(now.surveys).toEqual([]);
		expect(now.toc.nodes).toEqual([]);
	});

	it('refuses a changed, damaged, unknown-version or inconsistent file, importing nothing', async () => {
		const file = JSON.parse(JSON.stringify(await exportArea(admin, 'northbrook')));
		const before = await everyRow();
		const refused = async (content: string, message: RegExp) => {
			const error = await importArea(admin, content, 'attempt').catch((e) => e);
			expect(error).toBeInstanceOf(InputError);
			expect(Object.values((error as InputError).errors).join(' ')).toMatch(message);
		};
		const altered = (change: (f: typeof file) => void) => {
			const copy = structuredClone(file);
			change(copy);
			// Re-signed: a consistent checksum must not smuggle bad references or broken rules in.
			return JSON.stringify(resign(copy));
		};

		const tampered = structuredClone(file);
		tampered.surveys[0].responses[0].answers[0].score = tampered.surveys[0].responses[0].answers[0].score === 5 ? 1 : 5;
		await refused(JSON.stringify(tampered), /checksum does not match/);
		await refused(JSON.stringify(file).slice(0, -20), /not JSON/);
		await refused(JSON.stringify({ ...file, version: 99 }), /version 99 of the backup format; this Homeward reads versions 1 and 2/);
		await refused(JSON.stringify({ ...file, format: 'something-else' }), /not a Homeward area backup/);
		await refused(
			altered((f) => delete f.toc),
			/toc is not valid/
		);
		await refused(
			altered((f) => (f.map.handoffs[0].to = 'a999')),
			/names an actor that is not in the file/
		);
		await refused(
			altered((f) => f.actions[0].tocNodes.push('n999')),
			/works toward a theory-of-change step that is not in the file/
		);
		await refused(
			altered((f) => f.actions[0].models.push('m999')),
			/challenges a mental model that is not in the file/
		);
		await refused(
			altered((f) => f.models[0].actors.push('a999')),
			/is held by an actor that is not in the file/
		);
		await refused(
			altered((f) => (f.surveys[0].responses[0].answers[0].statement = 's999')),
			/an answer to a statement it does not ask/
		);
		await refused(
			altered((f) => (f.toc.indicators[0].node = 'n999')),
			/measures a step that is not in the file/
		);
		await refused(
			altered((f) => f.toc.links.push({ ...f.toc.links[0], from: f.toc.links[0].to, to: f.toc.links[0].from })),
			/goes round in a loop \(.+ → .+\)/
		);
		// Rules only the database knows: two actors of one name, a second "episode" programme model, a bad target.
		await refused(
			altered((f) => (f.map.actors[1].name = f.map.actors[0].name)),
			/breaks a rule/
		);
		await refused(
			altered((f) => (f.models[1].programmeKey = f.models[0].programmeKey)),
			/breaks a rule/
		);
		await refused(
			altered((f) => (f.toc.indicators[0].targetValue = f.toc.indicators[0].baselineValue)),
			/breaks a rule/
		);
		// Too large or too deep to be a backup: refused before the text is parsed.
		await refused(JSON.stringify({ ...file, padding: 'x'.repeat(UPLOAD_LIMITS.backupBytes) }), /cannot be restored: it is larger than 20 MB\./);
		const deep = `${'['.repeat(200_000)}${']'.repeat(200_000)}`;
		await refused(`{"format":"homeward-area-backup","version":2,"area":{"name":${deep}}}`, /its lists and objects nest more than 32 deep, which no Homeward backup does/);
		expect(await everyRow()).toEqual(before);
		// A web address in use is refused the same way.
		const error = await importArea(admin, JSON.stringify(file), 'northbrook').catch((e) => e);
		expect((error as InputError).errors.slug).toMatch(/already uses this web address/);
		expect(await everyRow()).toEqual(before);
	});

	it('is for admins only', async () => {
		const consultant = await makeUser('consultant');
		await expect(exportArea(consultant, 'northbrook')).rejects.toThrow(NotFoundError);
		const file = JSON.stringify(await exportArea(admin, 'northbrook'));
		await expect(importArea(consultant, file, 'by-consultant')).rejects.toThrow(NotFoundError);
	});
});

// Area backup and restore: the whole of one area's work as one versioned JSON file with a SHA-256 checksum over its
// canonical form, imported elsewhere as a new area in one transaction. Admin only.
//
// Format `homeward-area-backup`, version 2 (./format.ts). Per table with an area:
//   carried   areas (name, police force, local authorities, status, description, plan summary); map_actors, map_actor_positions,
//             map_handoffs, map_snapshots; mental_models (with their programme key), model_statements,
//             model_actor_links, model_handoff_links; survey_rounds, survey_round_statements, survey_responses,
//             survey_answers; toc_nodes, toc_links (rationale, assumptions), toc_indicators, toc_readings,
//             missing_figures; actions, action_updates (status history), action_links (handoff, step and model).
//   not carried, on purpose:
//             memberships, invitations: people. Accounts differ between installations, so owners, authors and
//               creators (created_by, opened_by, updated_by, author_id, owner_user_id) are left empty, shown as
//               "Former member"; the restoring admin leads the new area and invites its members afresh.
//             votes, vote_dots: every dot belongs to an account of the source installation, and a vote is a
//               moment of a workshop; what came of it lives on in the actions, which are carried.
//             presence, presentations: who has a page open and where a facilitator's slides are, for minutes.
//             audit_log: the source installation's record of who did what; the import writes its own entry.
//             hydra_events, hydra_exercises: Hydra training, which only names an area; not the area's work.
//             bookings (engagement_area_id): a person's booking with a consultant.
//   not carried yet (the next format version):
//             map_views, map_history, rooms (room_guests, room_notes, room_proposals), plan_versions and their
//             sign-offs. A restored area starts these afresh.
// Within carried rows, not carried: ids (the file uses references such as a1, h1, m1; import makes new ids, so
// importing one file twice gives two independent areas), the web address (chosen at import), row versions, when a
// pin or a link was made, a survey round's short code (codes are unique per installation: the copy gets a new one)
// and each response's participant hash (a hash of a cookie in someone's browser; the copy gets a random one that no
// browser holds, so nobody can be matched to a response, or blocked or recognised, through the file).
//
// Exporting a restored area gives the same file apart from `exportedAt` and `checksum`. The one exception: two
// theory-of-change steps equal in every field, kind, title, description, owner and both timestamps to the millisecond,
// may swap references.
//
// Version 1 files (map and actions only) still restore: the area then gets the programme's three models, as every
// new area does, and its actors and handoffs are stamped with the time of the import.
import { createHash } from 'node:crypto';
import { asc, eq } from 'drizzle-orm';
import type { PgInsertValue, PgTable } from 'drizzle-orm/pg-core';
import { z } from 'zod';
import { db, type Transaction } from '$lib/server/db';
import { PG, pgCode } from '$lib/server/db/errors';
import {
	actionLinks,
	actionUpdates,
	actions,
	areas,
	mapActorPositions,
	mapActors,
	mapHandoffs,
	mapSnapshots,
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
import { hashToken, newId, newToken } from '$lib/server/ids';
import { audit } from '$lib/server/audit';
import { InputError, NotFoundError } from '$lib/server/errors';
import { addLead } from '$lib/server/areas';
import { addProgrammeModels } from '$lib/server/models';
import { newCode } from '$lib/server/models/surveys';
import type { SessionUser } from '$lib/server/auth/session';
import { BACKUP_FORMAT, BACKUP_VERSION, READABLE_VERSIONS, canonicalJson, refsFor } from '$lib/domain/backup';
import { UPLOAD_LIMITS, jsonDepthExceeds, megabytes } from '$lib/domain/uploads';
import { PROGRAMME_MODEL_KEYS } from '$lib/domain/programme';
import { describeCycle, findCycle, kindRank } from '$lib/domain/toc';
import type { MapData } from '$lib/domain/map/types';
import { backupSchema, backupSchemaV1, fromVersion1, type AreaBackup, type Restorable } from './format';

export { backupSchema, type AreaBackup } from './format';

const digest = (payload: unknown) => `sha256:${createHash('sha256').update(canonicalJson(payload)).digest('hex')}`;
const iso = (d: Date) => d.toISOString();
const isoOrNull = (d: Date | null) => (d ? d.toISOString() : null);
const byText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
const refNumber = (r: string) => Number(r.slice(1));
const byRefNumber = (a: string, b: string) => refNumber(a) - refNumber(b);
/** By the whole content: what no field tells apart is the same in every file. */
const byContent = (a: unknown, b: unknown) => byText(canonicalJson(a), canonicalJson(b));

function groupBy<T>(rows: readonly T[], key: (row: T) => string): Map<string, T[]> {
	const groups = new Map<string, T[]>();
	for (const row of rows) {
		const k = key(row);
		const group = groups.get(k);
		if (group) group.push(row);
		else groups.set(k, [row]);
	}
	return groups;
}

/** Every row of the area, one query per table: the export's cost does not grow with queries per row. */
async function readArea(tx: Transaction, areaId: string) {
	const [
		actorRows,
		positionRows,
		handoffRows,
		snapshotRows,
		modelRows,
		statementRows,
		modelActorRows,
		modelHandoffRows,
		roundRows,
		roundStatementRows,
		responseRows,
		answerRows,
		nodeRows,
		tocLinkRows,
		indicatorRows,
		readingRows,
		figureRows,
		actionRows,
		updateRows,
		linkRows
	] = await Promise.all([
		tx.select().from(mapActors).where(eq(mapActors.areaId, areaId)),
		tx.select().from(mapActorPositions).where(eq(mapActorPositions.areaId, areaId)),
		tx.select().from(mapHandoffs).where(eq(mapHandoffs.areaId, areaId)),
		tx.select().from(mapSnapshots).where(eq(mapSnapshots.areaId, areaId)).orderBy(asc(mapSnapshots.createdAt), asc(mapSnapshots.name)),
		tx.select().from(mentalModels).where(eq(mentalModels.areaId, areaId)),
		tx.select().from(modelStatements).where(eq(modelStatements.areaId, areaId)),
		tx.select().from(modelActorLinks).where(eq(modelActorLinks.areaId, areaId)),
		tx.select().from(modelHandoffLinks).where(eq(modelHandoffLinks.areaId, areaId)),
		tx.select().from(surveyRounds).where(eq(surveyRounds.areaId, areaId)),
		tx.select().from(surveyRoundStatements).where(eq(surveyRoundStatements.areaId, areaId)),
		// Never the participant hash: see the header.
		tx
			.select({ id: surveyResponses.id, roundId: surveyResponses.roundId, sector: surveyResponses.sector, comment: surveyResponses.comment, createdAt: surveyResponses.createdAt })
			.from(surveyResponses)
			.where(eq(surveyResponses.areaId, areaId)),
		tx
			.select({ responseId: surveyAnswers.responseId, statementId: surveyAnswers.statementId, score: surveyAnswers.score })
			.from(surveyAnswers)
			.innerJoin(surveyRounds, eq(surveyRounds.id, surveyAnswers.roundId))
			.where(eq(surveyRounds.areaId, areaId)),
		tx.select().from(tocNodes).where(eq(tocNodes.areaId, areaId)),
		tx.select().from(tocLinks).where(eq(tocLinks.areaId, areaId)),
		tx.select().from(tocIndicators).where(eq(tocIndicators.areaId, areaId)),
		tx.select().from(tocReadings).where(eq(tocReadings.areaId, areaId)),
		tx.select().from(missingFigures).where(eq(missingFigures.areaId, areaId)),
		tx.select().from(actions).where(eq(actions.areaId, areaId)),
		tx.select().from(actionUpdates).where(eq(actionUpdates.areaId, areaId)),
		tx.select().from(actionLinks).where(eq(actionLinks.areaId, areaId))
	]);
	return {
		actorRows,
		positionRows,
		handoffRows,
		snapshotRows,
		modelRows,
		statementRows,
		modelActorRows,
		modelHandoffRows,
		roundRows,
		roundStatementRows,
		responseRows,
		answerRows,
		nodeRows,
		tocLinkRows,
		indicatorRows,
		readingRows,
		figureRows,
		actionRows,
		updateRows,
		linkRows
	};
}

/** The area as a backup file: references instead of ids, in an order that depends on the content alone. */
export async function exportArea(actor: SessionUser, slug: string, now = new Date()): Promise<AreaBackup> {
	if (actor.role !== 'admin') throw new NotFoundError();
	// One read-only transaction, so the file is one consistent moment of the area even while people edit it.
	return db.transaction(
		async (tx) => {
			const [area] = await tx.select().from(areas).where(eq(areas.slug, slug));
			if (!area) throw new NotFoundError();
			return buildFile(area, await readArea(tx, area.id), now);
		},
		{ isolationLevel: 'repeatable read', accessMode: 'read only' }
	);
}

function buildFile(area: typeof areas.$inferSelect, rows: Awaited<ReturnType<typeof readArea>>, now: Date): AreaBackup {
	const r = rows;
	// Live actors by name (unique in an area), then any actor known only to a snapshot, in snapshot order.
	const liveActors = [...r.actorRows].sort((a, b) => byText(a.name.toLowerCase(), b.name.toLowerCase()));
	const actorRef = refsFor(liveActors.map((a) => a.id), 'a');
	const actorName = new Map(liveActors.map((a) => [a.id, a.name.toLowerCase()]));
	const handoffKey = (h: { fromActorId: string; toActorId: string; label: string }) =>
		`${actorName.get(h.fromActorId) ?? ''}\u0000${actorName.get(h.toActorId) ?? ''}\u0000${h.label.toLowerCase()}`;
	const liveHandoffs = [...r.handoffRows].sort((a, b) => byText(handoffKey(a), handoffKey(b)));
	const handoffRef = refsFor(liveHandoffs.map((h) => h.id), 'h');
	for (const snapshot of r.snapshotRows) {
		const data = snapshot.data as MapData;
		for (const a of [...data.actors].sort((x, y) => byText(x.name.toLowerCase(), y.name.toLowerCase()))) {
			if (!actorRef.has(a.id)) actorRef.set(a.id, `a${actorRef.size + 1}`);
		}
		// By content, actors named by reference: ids of the source installation must not decide the order.
		const content = (h: (typeof data.handoffs)[number]) => canonicalJson({ ...h, id: '', fromActorId: actorRef.get(h.fromActorId), toActorId: actorRef.get(h.toActorId) });
		for (const h of [...data.handoffs].sort((x, y) => byText(content(x), content(y)))) {
			if (!handoffRef.has(h.id)) handoffRef.set(h.id, `h${handoffRef.size + 1}`);
		}
	}
	const aRef = (id: string) => actorRef.get(id) ?? 'a0';
	const aRefOrNull = (id: string | null) => (id ? aRef(id) : null);
	const position = new Map(r.positionRows.map((p) => [p.actorId, { x: p.x, y: p.y }]));
	const handoffOut = (h: MapData['handoffs'][number]) => ({
		ref: handoffRef.get(h.id)!,
		from: aRef(h.fromActorId),
		to: aRef(h.toActorId),
		label: h.label,
		stage: h.stage,
		passes: h.passes,
		trigger: h.trigger,
		standard: h.standard,
		audience: h.audience,
		rating: h.rating,
		evidence: h.evidence,
		notes: h.notes,
		isGap: h.isGap
	});
	const actorOut = (a: MapData['actors'][number]) => ({
		ref: aRef(a.id),
		name: a.name,
		sector: a.sector,
		kind: a.kind,
		description: a.description,
		audience: a.audience
	});
	const byRef = (x: { ref: string }, y: { ref: string }) => byRefNumber(x.ref, y.ref);

	// Models: the programme's in their fixed order, then the area's own by title (unique in an area).
	const programmeRank = (key: string | null) => (key ? PROGRAMME_MODEL_KEYS.indexOf(key as (typeof PROGRAMME_MODEL_KEYS)[number]) : PROGRAMME_MODEL_KEYS.length);
	const models = [...r.modelRows].sort((a, b) => programmeRank(a.programmeKey) - programmeRank(b.programmeKey) || byText(a.title.toLowerCase(), b.title.toLowerCase()));
	const modelRef = refsFor(models.map((m) => m.id), 'm');
	const statementsOf = groupBy(r.statementRows, (s) => s.modelId);
	const statementRef = new Map<string, string>();
	for (const m of models) {
		const statements = (statementsOf.get(m.id) ?? []).sort(
			(a, b) => a.position - b.position || byText(a.text, b.text) || byText(iso(a.createdAt), iso(b.createdAt))
		);
		statementsOf.set(m.id, statements);
		for (const s of statements) statementRef.set(s.id, `s${statementRef.size + 1}`);
	}
	const actorsOf = groupBy(r.modelActorRows, (l) => l.modelId);
	const handoffsOf = groupBy(r.modelHandoffRows, (l) => l.modelId);
	const modelsOut = models.map((m) => ({
		ref: modelRef.get(m.id)!,
		title: m.title,
		description: m.description,
		programmeKey: m.programmeKey,
		createdAt: iso(m.createdAt),
		updatedAt: iso(m.updatedAt),
		statements: (statementsOf.get(m.id) ?? []).map((s) => ({ ref: statementRef.get(s.id)!, text: s.text, position: s.position, createdAt: iso(s.createdAt) })),
		actors: (actorsOf.get(m.id) ?? []).map((l) => aRef(l.actorId)).sort(byRefNumber),
		handoffs: (handoffsOf.get(m.id) ?? []).map((l) => handoffRef.get(l.handoffId)!).sort(byRefNumber)
	}));

	// Survey rounds by when they opened, then label (unique in an area); responses by time, then content.
	const askedIn = groupBy(r.roundStatementRows, (s) => s.roundId);
	const responsesIn = groupBy(r.responseRows, (s) => s.roundId);
	const answersOf = groupBy(r.answerRows, (a) => a.responseId);
	const sRef = (id: string) => statementRef.get(id) ?? 's0';
	const surveysOut = [...r.roundRows]
		.sort((a, b) => byText(iso(a.openedAt), iso(b.openedAt)) || byText(a.label.toLowerCase(), b.label.toLowerCase()))
		.map((round) => ({
			label: round.label,
			status: round.status,
			openedAt: iso(round.openedAt),
			closedAt: isoOrNull(round.closedAt),
			statements: (askedIn.get(round.id) ?? [])
				.map((s) => ({ statement: sRef(s.statementId), text: s.text, position: s.position }))
				.sort((a, b) => a.position - b.position || byRefNumber(a.statement, b.statement)),
			responses: (responsesIn.get(round.id) ?? [])
				.map((response) => ({
					sector: response.sector,
					comment: response.comment,
					createdAt: iso(response.createdAt),
					answers: (answersOf.get(response.id) ?? []).map((a) => ({ statement: sRef(a.statementId), score: a.score })).sort((a, b) => byRefNumber(a.statement, b.statement))
				}))
				.sort((a, b) => byText(a.createdAt, b.createdAt) || byContent(a, b))
		}));

	// Theory of change: steps by kind, then title, then the rest of their content.
	const nodeContent = (n: (typeof r.nodeRows)[number]) => ({
		kind: n.kind,
		title: n.title,
		description: n.description,
		ownerActor: aRefOrNull(n.ownerActorId),
		createdAt: iso(n.createdAt),
		updatedAt: iso(n.updatedAt)
	});
	const nodes = [...r.nodeRows].sort(
		(a, b) => kindRank(a.kind) - kindRank(b.kind) || byText(a.title.toLowerCase(), b.title.toLowerCase()) || byContent(nodeContent(a), nodeContent(b))
	);
	const nodeRef = refsFor(nodes.map((n) => n.id), 'n');
	const readingsOf = groupBy(r.readingRows, (x) => x.indicatorId);
	const tocOut = {
		nodes: nodes.map((n) => ({ ref: nodeRef.get(n.id)!, ...nodeContent(n) })),
		links: r.tocLinkRows
			.map((l) => ({
				from: nodeRef.get(l.fromNodeId)!,
				to: nodeRef.get(l.toNodeId)!,
				rationale: l.rationale,
				assumptions: l.assumptions,
				createdAt: iso(l.createdAt),
				updatedAt: iso(l.updatedAt)
			}))
			.sort((a, b) => byRefNumber(a.from, b.from) || byRefNumber(a.to, b.to)),
		indicators: r.indicatorRows
			.map((i) => ({
				node: nodeRef.get(i.nodeId)!,
				name: i.name,
				unit: i.unit,
				direction: i.direction,
				baselineValue: i.baselineValue,
				baselineDate: i.baselineDate,
				targetValue: i.targetValue,
				targetDate: i.targetDate,
				dataSource: i.dataSource,
				ownerActor: aRefOrNull(i.ownerActorId),
				frequency: i.frequency,
				createdAt: iso(i.createdAt),
				updatedAt: iso(i.updatedAt),
				readings: (readingsOf.get(i.id) ?? [])
					.map((x) => ({ date: x.date, value: x.value, note: x.note, createdAt: iso(x.createdAt) }))
					.sort((a, b) => byText(a.date, b.date))
			}))
			.sort((a, b) => byRefNumber(a.node, b.node) || byText(a.name.toLowerCase(), b.name.toLowerCase()) || byContent(a, b))
	};

	const figuresOut = r.figureRows
		.map((f) => ({
			quarter: f.quarter,
			missingReports: f.missingReports,
			peopleReported: f.peopleReported,
			repeatShareAdults: f.repeatShareAdults,
			repeatShareChildren: f.repeatShareChildren,
			returnInterviewsOffered: f.returnInterviewsOffered,
			returnInterviewsWithin72h: f.returnInterviewsWithin72h,
			createdAt: iso(f.createdAt),
			updatedAt: iso(f.updatedAt)
		}))
		.sort((a, b) => byText(a.quarter, b.quarter));

	const linksOf = groupBy(r.linkRows, (l) => l.actionId);
	const updatesOf = groupBy(r.updateRows, (u) => u.actionId);
	const actionsOut = r.actionRows.map((a) => {
		const links = linksOf.get(a.id) ?? [];
		return {
			title: a.title,
			description: a.description,
			ownerActor: aRefOrNull(a.ownerActorId),
			dueDate: a.dueDate,
			status: a.status,
			priority: a.priority,
			createdAt: iso(a.createdAt),
			updatedAt: iso(a.updatedAt),
			handoffs: links.flatMap((l) => (l.handoffId ? [handoffRef.get(l.handoffId)!] : [])).sort(byRefNumber),
			tocNodes: links.flatMap((l) => (l.tocNodeId ? [nodeRef.get(l.tocNodeId)!] : [])).sort(byRefNumber),
			models: links.flatMap((l) => (l.modelId ? [modelRef.get(l.modelId)!] : [])).sort(byRefNumber),
			updates: (updatesOf.get(a.id) ?? [])
				.map((u) => ({ body: u.body, statusFrom: u.statusFrom, statusTo: u.statusTo, createdAt: iso(u.createdAt) }))
				.sort((x, y) => byText(x.createdAt, y.createdAt) || byContent(x, y))
		};
	});
	// Actions by when they were made, ties broken by their whole content: the same plan always lists the same way.
	actionsOut.sort((x, y) => byText(x.createdAt, y.createdAt) || byContent(x, y));

	const payload = {
		format: BACKUP_FORMAT,
		version: BACKUP_VERSION,
		exportedAt: iso(now),
		area: { name: area.name, policeForce: area.policeForce, localAuthorities: area.localAuthorities, status: area.status, description: area.description, planSummary: area.planSummary },
		map: {
			actors: liveActors.map((a) => ({ ...actorOut(a), position: position.get(a.id) ?? null, createdAt: iso(a.createdAt), updatedAt: iso(a.updatedAt) })),
			handoffs: liveHandoffs.map((h) => ({ ...handoffOut(h), createdAt: iso(h.createdAt), updatedAt: iso(h.updatedAt) })),
			snapshots: r.snapshotRows.map((s) => {
				const data = s.data as MapData;
				return { name: s.name, createdAt: iso(s.createdAt), actors: data.actors.map(actorOut).sort(byRef), handoffs: data.handoffs.map(handoffOut).sort(byRef) };
			})
		},
		models: modelsOut,
		surveys: surveysOut,
		toc: tocOut,
		missingFigures: figuresOut,
		actions: actionsOut
	};
	return { ...payload, checksum: digest(payload) } as AreaBackup;
}

const REFUSED = 'This file cannot be restored';

/** Reads a backup file, refusing anything that is not a complete, unaltered backup of a version this Homeward reads. */
export function readBackup(textContent: string): Restorable {
	// Checked before parsing, whatever the route already checked: the verb is the boundary every caller passes.
	if (Buffer.byteLength(textContent) > UPLOAD_LIMITS.backupBytes) {
		throw new InputError({ file: `${REFUSED}: it is larger than ${megabytes(UPLOAD_LIMITS.backupBytes)}.` });
	}
	if (jsonDepthExceeds(textContent, UPLOAD_LIMITS.jsonDepth)) {
		throw new InputError({ file: `${REFUSED}: its lists and objects nest more than ${UPLOAD_LIMITS.jsonDepth} deep, which no Homeward backup does.` });
	}
	let raw: unknown;
	try {
		raw = JSON.parse(textContent);
	} catch {
		throw new InputError({ file: `${REFUSED}: it is not JSON. Choose the .json file Homeward downloaded.` });
	}
	const header = z.object({ format: z.string(), version: z.number() }).safeParse(raw);
	if (!header.success || header.data.format !== BACKUP_FORMAT) {
		throw new InputError({ file: `${REFUSED}: it is not a Homeward area backup.` });
	}
	const version = header.data.version;
	if (!(READABLE_VERSIONS as readonly number[]).includes(version)) {
		throw new InputError({
			file: `${REFUSED}: it is version ${version} of the backup format; this Homeward reads versions ${READABLE_VERSIONS.join(' and ')}.`
		});
	}
	const parsed = version === 1 ? backupSchemaV1.safeParse(raw) : backupSchema.safeParse(raw);
	if (!parsed.success) {
		const issue = parsed.error.issues[0];
		throw new InputError({ file: `${REFUSED}: ${issue.path.join('.') || 'the file'} is not valid (${issue.message}).` });
	}
	const { checksum, ...payload } = parsed.data;
	if (digest(payload) !== checksum) {
		throw new InputError({ file: `${REFUSED}: its checksum does not match its content, so it was changed or damaged after it was exported.` });
	}
	return parsed.data.version === 1 ? fromVersion1(parsed.data) : parsed.data;
}

/** Every reference in the file names something the file holds; the first that does not is the refusal's reason. */
function checkReferences(backup: Restorable) {
	const broken = (what: string) => new InputError({ file: `${REFUSED}: ${what}.` });
	const unique = (list: { ref: string }[], what: string) => {
		const set = new Set(list.map((x) => x.ref));
		if (set.size !== list.length) throw broken(`two ${what} share a reference`);
		return set;
	};
	const actors = unique(backup.map.actors, 'actors');
	const handoffs = unique(backup.map.handoffs, 'handoffs');
	for (const h of backup.map.handoffs) {
		if (!actors.has(h.from) || !actors.has(h.to)) throw broken(`handoff ${h.ref} names an actor that is not in the file`);
	}
	for (const s of backup.map.snapshots) {
		const inSnapshot = unique(s.actors, `actors of snapshot "${s.name}"`);
		unique(s.handoffs, `handoffs of snapshot "${s.name}"`);
		for (const h of s.handoffs) {
			if (!inSnapshot.has(h.from) || !inSnapshot.has(h.to)) throw broken(`snapshot "${s.name}" has a handoff naming an actor that is not in the snapshot`);
		}
	}
	const models = unique(backup.models, 'mental models');
	const statements = unique(
		backup.models.flatMap((m) => m.statements),
		'statements'
	);
	for (const m of backup.models) {
		if (m.actors.some((a) => !actors.has(a))) throw broken(`mental model "${m.title}" is held by an actor that is not in the file`);
		if (m.handoffs.some((h) => !handoffs.has(h))) throw broken(`mental model "${m.title}" shapes a handoff that is not in the file`);
		if (new Set(m.actors).size !== m.actors.length || new Set(m.handoffs).size !== m.handoffs.length) throw broken(`mental model "${m.title}" names an actor or handoff twice`);
	}
	for (const round of backup.surveys) {
		const asked = new Set(round.statements.map((s) => s.statement));
		if (asked.size !== round.statements.length) throw broken(`survey round "${round.label}" asks a statement twice`);
		if ([...asked].some((s) => !statements.has(s))) throw broken(`survey round "${round.label}" asks a statement that is not in the file`);
		for (const response of round.responses) {
			const answered = response.answers.map((a) => a.statement);
			if (answered.some((s) => !asked.has(s))) throw broken(`survey round "${round.label}" has an answer to a statement it does not ask`);
			if (new Set(answered).size !== answered.length) throw broken(`survey round "${round.label}" has a response answering a statement twice`);
		}
	}
	const nodes = unique(backup.toc.nodes, 'theory-of-change steps');
	for (const n of backup.toc.nodes) {
		if (n.ownerActor && !actors.has(n.ownerActor)) throw broken(`step "${n.title}" is owned by an actor that is not in the file`);
	}
	for (const l of backup.toc.links) {
		if (!nodes.has(l.from) || !nodes.has(l.to)) throw broken(`a theory-of-change link names a step that is not in the file`);
	}
	const cycle = findCycle(backup.toc.links);
	if (cycle) {
		const title = new Map(backup.toc.nodes.map((n) => [n.ref, n.title]));
		throw broken(`its theory of change goes round in a loop (${describeCycle(cycle, (r) => title.get(r) ?? r)})`);
	}
	for (const i of backup.toc.indicators) {
		if (!nodes.has(i.node)) throw broken(`indicator "${i.name}" measures a step that is not in the file`);
		if (i.ownerActor && !actors.has(i.ownerActor)) throw broken(`indicator "${i.name}" is owned by an actor that is not in the file`);
	}
	for (const a of backup.actions) {
		if (a.ownerActor && !actors.has(a.ownerActor)) throw broken(`action "${a.title}" is owned by an actor that is not in the file`);
		if (a.handoffs.some((h) => !handoffs.has(h))) throw broken(`action "${a.title}" addresses a handoff that is not in the file`);
		if (a.tocNodes.some((n) => !nodes.has(n))) throw broken(`action "${a.title}" works toward a theory-of-change step that is not in the file`);
		if (a.models.some((m) => !models.has(m))) throw broken(`action "${a.title}" challenges a mental model that is not in the file`);
	}
}

/** Rows per INSERT: well under PostgreSQL's 65,535 parameters for the widest table, and one statement per batch. */
const BATCH = 500;

async function insertAll<T extends PgTable>(tx: Transaction, table: T, rows: PgInsertValue<T>[]) {
	for (let i = 0; i < rows.length; i += BATCH) await tx.insert(table).values(rows.slice(i, i + BATCH));
}

/**
 * Restores a backup as a new area with the given web address, in one transaction: a file whose references do not
 * hold together, or that breaks any rule of the database, imports nothing.
 */
export async function importArea(actor: SessionUser, textContent: string, slug: string) {
	if (actor.role !== 'admin') throw new NotFoundError();
	const backup = readBackup(textContent);
	checkReferences(backup);
	const broken = (what: string) => new InputError({ file: `${REFUSED}: ${what}.` });
	// New ids for every reference, per kind: importing one file twice gives two independent areas.
	const ids = () => {
		const map = new Map<string, string>();
		return (r: string) => map.get(r) ?? map.set(r, newId()).get(r)!;
	};
	const actorId = ids();
	const handoffId = ids();
	const modelId = ids();
	const statementId = ids();
	const nodeId = ids();
	const stamp = (value: string | undefined) => (value === undefined ? undefined : new Date(value));
	const at = (value: string) => new Date(value);

	return db.transaction(async (tx) => {
		const slugTaken = () => new InputError({ slug: 'Another area already uses this web address. Choose another.' });
		const [taken] = await tx.select({ id: areas.id }).from(areas).where(eq(areas.slug, slug));
		if (taken) throw slugTaken();
		// Someone may take the address between the check and the insert: the unique index has the last word.
		const [area] = await tx
			.insert(areas)
			.values({ id: newId(), slug, ...backup.area, createdBy: actor.id, ownerId: actor.id })
			.returning()
			.catch((err) => {
				throw pgCode(err) === PG.uniqueViolation ? slugTaken() : err;
			});
		await addLead(tx, actor, area.id);
		const areaId = area.id;
		try {
			await insertAll(
				tx,
				mapActors,
				backup.map.actors.map(({ ref: r, position: _p, createdAt, updatedAt, ...a }) => ({ id: actorId(r), areaId, ...a, createdAt: stamp(createdAt), updatedAt: stamp(updatedAt) }))
			);
			await insertAll(
				tx,
				mapActorPositions,
				backup.map.actors.flatMap((a) => (a.position ? [{ areaId, actorId: actorId(a.ref), ...a.position }] : []))
			);
			await insertAll(
				tx,
				mapHandoffs,
				backup.map.handoffs.map(({ ref: r, from, to, createdAt, updatedAt, ...h }) => ({
					id: handoffId(r),
					areaId,
					fromActorId: actorId(from),
					toActorId: actorId(to),
					...h,
					createdAt: stamp(createdAt),
					updatedAt: stamp(updatedAt)
				}))
			);
			// Snapshots keep the same ids as the live map, so comparing a snapshot with the map still works.
			await insertAll(
				tx,
				mapSnapshots,
				backup.map.snapshots.map((s) => ({
					id: newId(),
					areaId,
					name: s.name,
					createdAt: at(s.createdAt),
					data: {
						actors: s.actors.map(({ ref: r, ...a }) => ({ id: actorId(r), ...a })),
						handoffs: s.handoffs.map(({ ref: r, from, to, ...h }) => ({ id: handoffId(r), fromActorId: actorId(from), toActorId: actorId(to), ...h }))
					} satisfies MapData
				}))
			);

			if (backup.version === 1) await addProgrammeModels(tx, areaId, null);
			await insertAll(
				tx,
				mentalModels,
				backup.models.map((m) => ({
					id: modelId(m.ref),
					areaId,
					title: m.title,
					description: m.description,
					programmeKey: m.programmeKey,
					createdAt: at(m.createdAt),
					updatedAt: at(m.updatedAt)
				}))
			);
			await insertAll(
				tx,
				modelStatements,
				backup.models.flatMap((m) =>
					m.statements.map((s) => ({ id: statementId(s.ref), areaId, modelId: modelId(m.ref), text: s.text, position: s.position, createdAt: at(s.createdAt) }))
				)
			);
			await insertAll(
				tx,
				modelActorLinks,
				backup.models.flatMap((m) => m.actors.map((a) => ({ areaId, modelId: modelId(m.ref), actorId: actorId(a) })))
			);
			await insertAll(
				tx,
				modelHandoffLinks,
				backup.models.flatMap((m) => m.handoffs.map((h) => ({ areaId, modelId: modelId(m.ref), handoffId: handoffId(h) })))
			);

			const rounds = backup.surveys.map((round) => ({ id: newId(), round }));
			await insertAll(
				tx,
				surveyRounds,
				rounds.map(({ id, round }) => ({
					id,
					areaId,
					label: round.label,
					code: newCode(),
					status: round.status,
					openedAt: at(round.openedAt),
					closedAt: round.closedAt ? at(round.closedAt) : null
				}))
			);
			await insertAll(
				tx,
				surveyRoundStatements,
				rounds.flatMap(({ id, round }) => round.statements.map((s) => ({ areaId, roundId: id, statementId: statementId(s.statement), text: s.text, position: s.position })))
			);
			const responses = rounds.flatMap(({ id, round }) => round.responses.map((response) => ({ id: newId(), roundId: id, response })));
			await insertAll(
				tx,
				surveyResponses,
				responses.map(({ id, roundId, response }) => ({
					id,
					areaId,
					roundId,
					// A hash of a random token nobody holds: see the header.
					participantHash: hashToken(newToken()),
					sector: response.sector,
					comment: response.comment,
					createdAt: at(response.createdAt)
				}))
			);
			await insertAll(
				tx,
				surveyAnswers,
				responses.flatMap(({ id, roundId, response }) => response.answers.map((a) => ({ responseId: id, roundId, statementId: statementId(a.statement), score: a.score })))
			);

			await insertAll(
				tx,
				tocNodes,
				backup.toc.nodes.map((n) => ({
					id: nodeId(n.ref),
					areaId,
					kind: n.kind,
					title: n.title,
					description: n.description,
					ownerActorId: n.ownerActor ? actorId(n.ownerActor) : null,
					createdAt: at(n.createdAt),
					updatedAt: at(n.updatedAt)
				}))
			);
			await insertAll(
				tx,
				tocLinks,
				backup.toc.links.map((l) => ({
					id: newId(),
					areaId,
					fromNodeId: nodeId(l.from),
					toNodeId: nodeId(l.to),
					rationale: l.rationale,
					assumptions: l.assumptions,
					createdAt: at(l.createdAt),
					updatedAt: at(l.updatedAt)
				}))
			);
			const indicators = backup.toc.indicators.map((indicator) => ({ id: newId(), indicator }));
			await insertAll(
				tx,
				tocIndicators,
				indicators.map(({ id, indicator: { node, ownerActor, readings: _r, createdAt, updatedAt, ...i } }) => ({
					id,
					areaId,
					nodeId: nodeId(node),
					ownerActorId: ownerActor ? actorId(ownerActor) : null,
					...i,
					createdAt: at(createdAt),
					updatedAt: at(updatedAt)
				}))
			);
			await insertAll(
				tx,
				tocReadings,
				indicators.flatMap(({ id, indicator }) =>
					indicator.readings.map((x) => ({ id: newId(), areaId, indicatorId: id, date: x.date, value: x.value, note: x.note, createdAt: at(x.createdAt) }))
				)
			);
			await insertAll(
				tx,
				missingFigures,
				backup.missingFigures.map(({ createdAt, updatedAt, ...f }) => ({ areaId, ...f, createdAt: at(createdAt), updatedAt: at(updatedAt) }))
			);

			const plan = backup.actions.map((action) => ({ id: newId(), action }));
			await insertAll(
				tx,
				actions,
				plan.map(({ id, action: a }) => ({
					id,
					areaId,
					title: a.title,
					description: a.description,
					ownerActorId: a.ownerActor ? actorId(a.ownerActor) : null,
					dueDate: a.dueDate,
					status: a.status,
					priority: a.priority,
					createdAt: at(a.createdAt),
					updatedAt: at(a.updatedAt)
				}))
			);
			await insertAll(
				tx,
				actionLinks,
				plan.flatMap(({ id, action: a }) => [
					...a.handoffs.map((h) => ({ id: newId(), areaId, actionId: id, handoffId: handoffId(h) })),
					...a.tocNodes.map((n) => ({ id: newId(), areaId, actionId: id, tocNodeId: nodeId(n) })),
					...a.models.map((m) => ({ id: newId(), areaId, actionId: id, modelId: modelId(m) }))
				])
			);
			await insertAll(
				tx,
				actionUpdates,
				plan.flatMap(({ id, action: a }) => a.updates.map((u) => ({ id: newId(), areaId, actionId: id, ...u, createdAt: at(u.createdAt) })))
			);
		} catch (err) {
			// A database rule the checks above cannot see (two actors with one name, a handoff to itself...): a broken
			// file. Anything else (a lost connection, a bug) is not the file's fault and goes on as it is.
			const code = pgCode(err) ?? '';
			if (!code.startsWith('23') && !code.startsWith('22')) throw err;
			const detail = err instanceof Error ? ((err.cause as { message?: string } | undefined)?.message ?? err.message) : String(err);
			throw broken(`it breaks a rule of the area's data (${detail.split('\n')[0].slice(0, 200)})`);
		}
		await audit(tx, {
			actorId: actor.id,
			areaId,
			entity: 'area',
			entityId: areaId,
			action: 'restore',
			after: {
				...area,
				fileVersion: backup.version,
				actors: backup.map.actors.length,
				handoffs: backup.map.handoffs.length,
				snapshots: backup.map.snapshots.length,
				models: backup.models.length,
				surveyRounds: backup.surveys.length,
				surveyResponses: backup.surveys.reduce((n, round) => n + round.responses.length, 0),
				tocSteps: backup.toc.nodes.length,
				indicators: backup.toc.indicators.length,
				actions: backup.actions.length
			}
		});
		return area;
	});
}

// Workshop survey rounds: editors open a round on chosen statements and close it; participants answer without an
// account through the round's short code; members read the results, compare rounds and export the responses.
import { and, asc, count, desc, eq, inArray, ne, sql } from 'drizzle-orm';
import Papa from 'papaparse';
import { db, type Executor } from '$lib/server/db';
import { PG, pgCode } from '$lib/server/db/errors';
import { mentalModels, modelStatements, surveyAnswers, surveyResponses, surveyRoundStatements, surveyRounds } from '$lib/server/db/schema';
import { newId } from '$lib/server/ids';
import { audit } from '$lib/server/audit';
import { ConflictError, InputError, NotFoundError } from '$lib/server/errors';
import { takeFromWindow } from '$lib/server/auth/rate-limit';
import { escapeCell } from '$lib/domain/csv';
import { SURVEY_ANSWER_PER_ADDRESS } from '$lib/domain/rate-limit';
import { SCORES, SCORE_LABELS, sectorBreakdown, shiftOf, summarise, CODE_LENGTH, PARTICIPANT_SECTOR_LABELS, type Summary } from '$lib/domain/surveys';
import type { Sector } from '$lib/domain/map/enums';
import { PROGRAMME_MODELS } from '$lib/domain/programme';
import { encodeBase32LowerCaseNoPadding } from '@oslojs/encoding';
import { qrLink } from '$lib/server/qr';
import type { AreaContext, AreaScope } from '$lib/server/areas';
import { assertEditor } from './index';

/** A fresh short code for a round's public link. */
export function newCode(): string {
	const bytes = new Uint8Array(8);
	crypto.getRandomValues(bytes);
	return encodeBase32LowerCaseNoPadding(bytes).slice(0, CODE_LENGTH);
}

async function roundOf(executor: Executor, context: AreaScope, id: string) {
	const [row] = await executor.select().from(surveyRounds).where(and(eq(surveyRounds.areaId, context.area.id), eq(surveyRounds.id, id)));
	if (!row) throw new NotFoundError();
	return row;
}

/**
 * The area's rounds, newest first, with how many responded. The counts name the outer table in full: drizzle writes a
 * column of a single-table query unqualified, which inside the subquery would mean the subquery's own column.
 */
export async function listRounds(context: AreaScope, executor: Executor = db) {
	return executor
		.select({
			id: surveyRounds.id,
			label: surveyRounds.label,
			code: surveyRounds.code,
			status: surveyRounds.status,
			openedAt: surveyRounds.openedAt,
			closedAt: surveyRounds.closedAt,
			responses: sql<number>`(select count(*) from survey_responses r where r.round_id = survey_rounds.id)`.mapWith(Number),
			statements: sql<number>`(select count(*) from survey_round_statements s where s.round_id = survey_rounds.id)`.mapWith(Number)
		})
		.from(surveyRounds)
		.where(eq(surveyRounds.areaId, context.area.id))
		.orderBy(desc(surveyRounds.openedAt), desc(surveyRounds.id));
}
export type RoundRow = Awaited<ReturnType<typeof listRounds>>[number];

/** Opens a round asking the chosen statements, in the order of their models; returns it with its short code. */
export async function openRound(context: AreaContext, input: { label: string; statementIds: string[] }) {
	assertEditor(context);
	const ids = [...new Set(input.statementIds)];
	if (ids.length === 0) throw new InputError({ statementIds: 'Tick at least one statement to ask.' });
	return db.transaction(async (tx) => {
		const [taken] = await tx
			.select({ id: surveyRounds.id })
			.from(surveyRounds)
			.where(and(eq(surveyRounds.areaId, context.area.id), eq(sql`lower(${surveyRounds.label})`, input.label.toLowerCase())));
		if (taken) throw new InputError({ label: 'This area already has a round with that name. Choose another, such as “Follow-up 2”.' });
		const found = await tx
			.select({ id: modelStatements.id, text: modelStatements.text, position: modelStatements.position, programmeKey: mentalModels.programmeKey, modelCreatedAt: mentalModels.createdAt, modelId: mentalModels.id })
			.from(modelStatements)
			.innerJoin(mentalModels, eq(mentalModels.id, modelStatements.modelId))
			.where(and(eq(modelStatements.areaId, context.area.id), inArray(modelStatements.id, ids)));
		// The order of the models page: the programme's three in the programme's order, then the area's own.
		const rank = (key: string | null) => (key ? PROGRAMME_MODELS.findIndex((m) => m.key === key) : PROGRAMME_MODELS.length);
		const statements = found.sort(
			(a, b) =>
				rank(a.programmeKey) - rank(b.programmeKey) ||
				a.modelCreatedAt.getTime() - b.modelCreatedAt.getTime() ||
				a.modelId.localeCompare(b.modelId) ||
				a.position - b.position
		);
		if (statements.length !== ids.length) throw new InputError({ statementIds: 'Choose statements of this area’s models.' });
		const [round] = await tx
			.insert(surveyRounds)
			.values({ id: newId(), areaId: context.area.id, label: input.label, code: newCode(), openedBy: context.user.id })
			.returning();
		await tx.insert(surveyRoundStatements).values(statements.map((s, position) => ({ areaId: context.area.id, roundId: round.id, statementId: s.id, text: s.text, position })));
		await audit(tx, { actorId: context.user.id, areaId: context.area.id, entity: 'survey_round', entityId: round.id, action: 'open', after: { ...round, statementIds: statements.map((s) => s.id) } });
		return round;
	});
}

/** Closes a round to further answers (or opens it again); refused if someone else changed it meanwhile. */
export async function setRoundStatus(context: AreaContext, input: { id: string; version: number; status: 'open' | 'closed' }) {
	assertEditor(context);
	return db.transaction(async (tx) => {
		const before = await roundOf(tx, context, input.id);
		const [after] = await tx
			.update(surveyRounds)
			.set({ status: input.status, closedAt: input.status === 'closed' ? new Date() : null, version: sql`${surveyRounds.version} + 1` })
			.where(and(eq(surveyRounds.areaId, context.area.id), eq(surveyRounds.id, input.id), eq(surveyRounds.version, input.version)))
			.returning();
		if (!after) throw new ConflictError('Someone else opened or closed this round a moment ago. The page now shows where it stands.');
		await audit(tx, { actorId: context.user.id, areaId: context.area.id, entity: 'survey_round', entityId: input.id, action: input.status === 'closed' ? 'close' : 'reopen', before, after });
		return after;
	});
}

/** The statements a round asked, in order, with the model each belongs to. */
async function roundStatements(executor: Executor, roundId: string) {
	return executor
		.select({ id: surveyRoundStatements.statementId, text: surveyRoundStatements.text, modelId: mentalModels.id, modelTitle: mentalModels.title })
		.from(surveyRoundStatements)
		.innerJoin(modelStatements, eq(modelStatements.id, surveyRoundStatements.statementId))
		.innerJoin(mentalModels, eq(mentalModels.id, modelStatements.modelId))
		.where(eq(surveyRoundStatements.roundId, roundId))
		.orderBy(asc(surveyRoundStatements.position));
}

async function responsesOf(executor: Executor, roundId: string) {
	const [responses, answers] = await Promise.all([
		executor.select().from(surveyResponses).where(eq(surveyResponses.roundId, roundId)).orderBy(asc(surveyResponses.createdAt), asc(surveyResponses.id)),
		executor.select().from(surveyAnswers).where(eq(surveyAnswers.roundId, roundId))
	]);
	const scoresOf = new Map<string, Record<string, number>>();
	for (const a of answers) (scoresOf.get(a.responseId) ?? scoresOf.set(a.responseId, {}).get(a.responseId)!)[a.statementId] = a.score;
	return responses.map((r) => ({ ...r, scores: scoresOf.get(r.id) ?? {} }));
}

const summaryOf = (responses: { scores: Record<string, number> }[], statementId: string): Summary =>
	summarise(responses.map((r) => r.scores[statementId]).filter((s): s is number => s !== undefined));

/**
 * A round's results: for each statement its distribution, mean and n, and the shift since `compareId` (another round
 * of the area that asked the same statement); the sector breakdown (anonymous groups only) and the comments.
 */
export async function roundResults(context: AreaScope, id: string, compareId: string | null, executor: Executor = db) {
	const round = await roundOf(executor, context, id);
	const compare = compareId && compareId !== id ? await roundOf(executor, context, compareId).catch(() => null) : null;
	const [statements, responses, compareResponses, others] = await Promise.all([
		roundStatements(executor, id),
		responsesOf(executor, id),
		compare ? responsesOf(executor, compare.id) : Promise.resolve(null),
		executor
			.select({ id: surveyRounds.id, label: surveyRounds.label, openedAt: surveyRounds.openedAt })
			.from(surveyRounds)
			.where(and(eq(surveyRounds.areaId, context.area.id), ne(surveyRounds.id, id)))
			.orderBy(asc(surveyRounds.openedAt))
	]);
	const compareAsked = compare ? new Set((await roundStatements(executor, compare.id)).map((s) => s.id)) : new Set<string>();
	const rows = statements.map((s) => {
		const summary = summaryOf(responses, s.id);
		const before = compareResponses && compareAsked.has(s.id) ? summaryOf(compareResponses, s.id) : null;
		return { ...s, summary, compare: before, shift: shiftOf(before, summary) };
	});
	const breakdown = sectorBreakdown(
		responses.map((r) => ({ sector: r.sector as Sector | null, scores: r.scores })),
		statements.map((s) => s.id)
	);
	return {
		round,
		n: responses.length,
		statements: rows,
		compare: compare ? { id: compare.id, label: compare.label, n: compareResponses?.length ?? 0 } : null,
		otherRounds: others,
		breakdown,
		// In a random order (by random id), not the order people answered in.
		comments: responses
			.filter((r) => r.comment)
			.sort((a, b) => a.id.localeCompare(b.id))
			.map((r) => ({ id: r.id, text: r.comment }))
	};
}
export type RoundResults = Awaited<ReturnType<typeof roundResults>>;

/** The public link of a round and a QR code of it (a PNG data URL) for the projector. */
export function shareOf(round: { code: string }) {
	return qrLink(`/s/${round.code}`);
}

/** The round before this one (by opening time), the natural comparison for a follow-up. */
export function previousRoundId(results: Pick<RoundResults, 'round' | 'otherRounds'>): string | null {
	const earlier = results.otherRounds.filter((r) => r.openedAt < results.round.openedAt);
	return earlier.at(-1)?.id ?? null;
}

/**
 * Every response of a round as a spreadsheet: one row per response, one column per statement; formula-safe cells. The
 * same anonymity as the results page: a sector appears only for the groups the breakdown shows, rows come in a random
 * order (by their random id) and carry no time, so nobody can be picked out by when they answered.
 */
export async function exportRoundCsv(context: AreaContext, id: string) {
	const round = await roundOf(db, context, id);
	const [statements, responses] = await Promise.all([roundStatements(db, id), responsesOf(db, id)]);
	const shown = new Set<string>(
		sectorBreakdown(
			responses.map((r) => ({ sector: r.sector, scores: r.scores })),
			statements.map((s) => s.id)
		).shown.map((g) => g.sector)
	);
	const fields = ['response', 'sector', ...statements.map((s) => s.text), 'comment'];
	const data = [...responses]
		.sort((a, b) => a.id.localeCompare(b.id))
		.map((r, i) =>
			[
				String(i + 1),
				r.sector && shown.has(r.sector) ? PARTICIPANT_SECTOR_LABELS[r.sector as Sector] : '',
				...statements.map((s) => (r.scores[s.id] === undefined ? '' : String(r.scores[s.id]))),
				r.comment
			].map(escapeCell)
		);
	return { round, csv: '\uFEFF' + Papa.unparse({ fields: fields.map(escapeCell), data }, { newline: '\r\n' }) };
}

// ---- Public answering: no account, only the round's code. Nothing here reveals the area or any other round. ----

/** The round a code opens, with its statements, or null for an unknown code. Only what a participant needs. */
export async function roundForAnswering(code: string) {
	const [round] = await db
		.select({ id: surveyRounds.id, areaId: surveyRounds.areaId, label: surveyRounds.label, status: surveyRounds.status })
		.from(surveyRounds)
		.where(eq(surveyRounds.code, code));
	if (!round) return null;
	const statements = await db
		.select({ id: surveyRoundStatements.statementId, text: surveyRoundStatements.text })
		.from(surveyRoundStatements)
		.where(eq(surveyRoundStatements.roundId, round.id))
		.orderBy(asc(surveyRoundStatements.position));
	return { round, statements };
}
export type AnsweringRound = NonNullable<Awaited<ReturnType<typeof roundForAnswering>>>;

export async function hasAnswered(roundId: string, participantHash: string) {
	const [row] = await db
		.select({ n: count() })
		.from(surveyResponses)
		.where(and(eq(surveyResponses.roundId, roundId), eq(surveyResponses.participantHash, participantHash)));
	return row.n > 0;
}

export class RoundClosedError extends Error {
	constructor() {
		super('This survey round has closed, so it no longer takes answers. Thank you for coming; ask the facilitator if you think it should still be open.');
	}
}

export class AlreadyAnsweredError extends Error {
	constructor() {
		super('You have already answered this round from this browser. Thank you: each person answers once.');
	}
}

export interface AnswerInput {
	sector: string | null;
	scores: Record<string, number>;
	comment: string;
}

/**
 * Stores one anonymous response to the round `code` opens. Refused when the address has answered too often, the code
 * is unknown, the round is closed, an answer names a statement the round does not ask (another round's or another
 * area's), a statement is unanswered, or this participant (their cookie token's hash) has already answered.
 */
export async function submitResponse(code: string, input: AnswerInput, participantHash: string, clientAddress: string) {
	await takeFromWindow('survey-answer', clientAddress, SURVEY_ANSWER_PER_ADDRESS);
	try {
		return await storeResponse(code, input, participantHash);
	} catch (err) {
		// Two submits from one browser at once: the unique index on (round, participant) lets only one through.
		if (pgCode(err) === PG.uniqueViolation) throw new AlreadyAnsweredError();
		throw err;
	}
}


async function storeResponse(code: string, input: AnswerInput, participantHash: string) {
	return db.transaction(async (tx) => {
		// Locks the round row, so a close and an answer arriving together are ordered: no answer lands after closing.
		const [round] = await tx.select().from(surveyRounds).where(eq(surveyRounds.code, code)).for('share');
		if (!round) throw new NotFoundError();
		if (round.status !== 'open') throw new RoundClosedError();
		const asked = await tx.select({ id: surveyRoundStatements.statementId }).from(surveyRoundStatements).where(eq(surveyRoundStatements.roundId, round.id));
		const askedIds = new Set(asked.map((s) => s.id));
		const given = Object.keys(input.scores);
		if (given.some((id) => !askedIds.has(id))) throw new InputError({ _form: 'These answers do not belong to this survey round. Open the link the facilitator gave again.' });
		const errors: Record<string, string> = {};
		for (const id of askedIds) if (input.scores[id] === undefined) errors[`s_${id}`] = 'Choose how far you agree.';
		if (Object.keys(errors).length) throw new InputError(errors);
		const [existing] = await tx
			.select({ id: surveyResponses.id })
			.from(surveyResponses)
			.where(and(eq(surveyResponses.roundId, round.id), eq(surveyResponses.participantHash, participantHash)));
		if (existing) throw new AlreadyAnsweredError();
		const id = newId();
		// A double submit racing this one hits the unique index on (round, participant) and fails as a whole.
		await tx.insert(surveyResponses).values({ id, areaId: round.areaId, roundId: round.id, participantHash, sector: input.sector, comment: input.comment });
		await tx.insert(surveyAnswers).values(given.map((statementId) => ({ responseId: id, roundId: round.id, statementId, score: input.scores[statementId] })));
		// Anonymous: the trail records that a response arrived, not who gave it or what it said.
		await audit(tx, { actorId: null, areaId: round.areaId, entity: 'survey_response', entityId: id, action: 'answer', after: { roundId: round.id } });
		return { roundId: round.id };
	});
}

export const SCORE_CHOICES = SCORES.map((s) => ({ value: s, label: SCORE_LABELS[s] }));

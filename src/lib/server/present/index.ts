// Present mode: the facilitator's place (the slide, the map view it is drawn from, the timer) kept per area for every
// follower, and what each slide shows. The facilitator (the area's lead: the consultant running the workshop) moves it;
// every change is audited, which also tells every open page of the area within a moment (see $lib/server/realtime).
// Guests of the area's open workshop rooms follow it too: every change is also published to those rooms' streams, and
// their page reads the slides with roomPresentation (the guest's own room's area, read-only, no account).
import { and, count, desc, eq, gt, isNull, sql } from 'drizzle-orm';
import { db, type Executor } from '$lib/server/db';
import { areas, presentations, rooms, roomNotes, surveyRounds, tocNodes, mapViews } from '$lib/server/db/schema';
import { audit } from '$lib/server/audit';
import { InputError, NotFoundError } from '$lib/server/errors';
import type { AreaContext, AreaScope } from '$lib/server/areas';
import { areaRoleAtLeast } from '$lib/domain/roles';
import {
	applyTimer,
	deckOf,
	FIRST_SLIDE,
	isRevealed,
	slideAt,
	type PresentDrawing,
	type Slide,
	type TimerAction,
	type TimerState
} from '$lib/domain/present';
import { loadMap, mapDataOf } from '$lib/server/map';
import { listViews } from '$lib/server/map/views';
import { actorDecorOf, journeyLayoutOf, networkLayoutOf } from '$lib/server/map/layout';
import { readMapQuery } from '$lib/domain/map/view';
import { diagramActor, packHandoffs } from '$lib/domain/map/types';
import { networkDrawingOf } from '$lib/diagrams/force';
import { edgeLabels } from '$lib/diagrams/edges';
import { listVotes, voteView } from '$lib/server/workshops';
import { roomRecord } from '$lib/server/rooms';
import { NOTE_KINDS, NOTE_KIND_LABELS } from '$lib/domain/rooms';
import { listRounds, roundResults } from '$lib/server/models/surveys';
import { getToc } from '$lib/server/toc';
import { tocLayoutOf } from '$lib/server/toc/layout';
import type { Stage } from '$lib/domain/map/enums';

/** What every follower's screen follows: the facilitator's slide, the map's view and drawing, and the timer. */
export interface FollowState {
	slide: string;
	viewId: string | null;
	drawing: PresentDrawing;
	timer: TimerState;
}

export const canFacilitate = (context: AreaContext) => areaRoleAtLeast(context.role, 'lead');

function assertFacilitator(context: AreaContext) {
	if (!canFacilitate(context)) throw new NotFoundError();
}

export async function followState(context: AreaScope): Promise<FollowState> {
	const [row] = await db.select().from(presentations).where(eq(presentations.areaId, context.area.id));
	return {
		slide: row?.slide ?? FIRST_SLIDE,
		viewId: row?.viewId ?? null,
		drawing: row?.drawing ?? 'network',
		timer: { seconds: row?.timerSeconds ?? 600, usedMs: row?.timerUsedMs ?? 0, startedAt: row?.timerStartedAt ?? null }
	};
}

/** The area's workshop rooms open now, whose guests follow the presentation. */
async function openRoomsOf(executor: Executor, areaId: string) {
	const list = await executor.select({ id: rooms.id }).from(rooms).where(and(eq(rooms.areaId, areaId), isNull(rooms.closedAt), gt(rooms.endsAt, new Date())));
	return list.map((r) => r.id);
}

/** Writes the facilitator's place and audits it (which is what tells the followers, members and open rooms' guests). */
async function save(context: AreaContext, state: FollowState, action: string) {
	await db.transaction(async (tx) => {
		const values = {
			areaId: context.area.id,
			slide: state.slide,
			viewId: state.viewId,
			drawing: state.drawing,
			timerSeconds: state.timer.seconds,
			timerUsedMs: state.timer.usedMs,
			timerStartedAt: state.timer.startedAt,
			updatedBy: context.user.id,
			updatedAt: new Date()
		};
		await tx.insert(presentations).values(values).onConflictDoUpdate({ target: presentations.areaId, set: values });
		const { areaId: _area, updatedBy: _by, updatedAt: _at, ...after } = values;
		await audit(tx, {
			actorId: context.user.id,
			areaId: context.area.id,
			entity: 'presentation',
			entityId: context.area.id,
			action,
			after,
			roomIds: await openRoomsOf(tx, context.area.id)
		});
	});
}

/**
 * The workshop room whose notes get a slide: the area's open room (the latest to start, if several), else its latest
 * room; only when that room has notes on its board (held notes never count, nor show).
 */
async function notesRoomOf(areaId: string) {
	const [room] = await db
		.select({ id: rooms.id, title: rooms.title })
		.from(rooms)
		.where(eq(rooms.areaId, areaId))
		.orderBy(desc(sql`${rooms.closedAt} is null and ${rooms.endsAt} > now()`), desc(rooms.startsAt))
		.limit(1);
	if (!room) return null;
	const [shown] = await db.select({ n: count() }).from(roomNotes).where(and(eq(roomNotes.roomId, room.id), eq(roomNotes.status, 'shown')));
	return shown.n > 0 ? room : null;
}

/** The slides of the area's presentation: the map's stages, revealed votes, survey rounds, the theory of change, a room's notes. */
export async function presentDeck(context: AreaScope): Promise<Slide[]> {
	const [votes, rounds, [toc], notesRoom] = await Promise.all([
		listVotes(context),
		db.select({ id: surveyRounds.id, label: surveyRounds.label }).from(surveyRounds).where(eq(surveyRounds.areaId, context.area.id)).orderBy(surveyRounds.openedAt),
		db.select({ n: count() }).from(tocNodes).where(eq(tocNodes.areaId, context.area.id)),
		notesRoomOf(context.area.id)
	]);
	return deckOf({ votes: votes.filter(isRevealed).reverse(), rounds, hasToc: toc.n > 0, notesRoom });
}

/** Moves everyone following to a slide of the deck. */
export async function moveTo(context: AreaContext, slide: string) {
	assertFacilitator(context);
	const deck = await presentDeck(context);
	if (!deck.some((s) => s.key === slide)) throw new InputError({ slide: 'That slide is no longer in the presentation. Choose another.' });
	const state = await followState(context);
	await save(context, { ...state, slide }, 'step');
}

/** Starts, pauses or resets (to `minutes`, when given) the timer on every screen. */
export async function runTimer(context: AreaContext, action: TimerAction, minutes?: number) {
	assertFacilitator(context);
	const state = await followState(context);
	await save(context, { ...state, timer: applyTimer(state.timer, action, new Date(), minutes ? minutes * 60 : undefined) }, `timer_${action}`);
}

/** Draws the map slides from a saved view of the area (null: the whole map), as a network or a swimlane. */
export async function drawMapFrom(context: AreaContext, input: { viewId: string | null; drawing: PresentDrawing }) {
	assertFacilitator(context);
	if (input.viewId) {
		const [view] = await db.select({ id: mapViews.id }).from(mapViews).where(and(eq(mapViews.areaId, context.area.id), eq(mapViews.id, input.viewId)));
		if (!view) throw new InputError({ viewId: 'That view has been removed. Choose another.' });
	}
	const state = await followState(context);
	await save(context, { ...state, ...input }, 'draw');
}

/** One journey stage on the map: that stage's handoffs highlighted and labelled, the rest faded. */
async function stageContent(context: AreaScope, stage: Stage, state: FollowState) {
	const [rows, views] = await Promise.all([loadMap(context), listViews(context)]);
	const map = mapDataOf(rows);
	const saved = views.find((v) => v.id === state.viewId) ?? null;
	const { view, shown } = readMapQuery(map, new URLSearchParams(saved?.query ?? ''));
	const inStage = shown.handoffs.filter((h) => h.stage === stage);
	const names = new Map(map.actors.map((a) => [a.id, a.name]));
	const list = inStage.map((h) => ({ id: h.id, label: h.label, from: names.get(h.fromActorId) ?? '', to: names.get(h.toActorId) ?? '', rating: h.rating, isGap: h.isGap }));
	const base = { kind: 'stage' as const, stage, viewName: saved?.name ?? null, handoffs: list };
	if (state.drawing === 'journey') return { ...base, drawing: 'journey' as const, journey: journeyLayoutOf(shown), shownHandoffs: shown.handoffs, actors: shown.actors.map(diagramActor) };
	const drawing = networkDrawingOf(networkLayoutOf(map, rows.positions));
	const shownIds = new Set(shown.actors.map((a) => a.id));
	const actors = shown.actors.map(diagramActor);
	return {
		...base,
		drawing: 'network' as const,
		layout: drawing,
		actors,
		packed: packHandoffs(actors, shown.handoffs),
		labels: edgeLabels(
			{ ...drawing, nodes: drawing.nodes.filter((n) => shownIds.has(n.id)) },
			inStage.map((h) => ({ id: h.id, source: h.fromActorId, target: h.toActorId, text: h.label }))
		),
		decor: {
			...actorDecorOf(map, view),
			highlight: { handoffs: inStage.map((h) => h.id), actors: [...new Set(inStage.flatMap((h) => [h.fromActorId, h.toActorId]))] }
		}
	};
}

/** What one slide shows, as plain data for PresentSlide. */
export async function slideContent(context: AreaScope, slide: Slide, state: FollowState) {
	if (slide.kind === 'stage') return stageContent(context, slide.stage, state);
	if (slide.kind === 'vote') {
		const vote = (await listVotes(context)).find((v) => v.id === slide.id);
		if (!vote) throw new NotFoundError();
		// Nobody's own dots: the slide shows the room's tallies, to members and guests alike.
		const { items, voters } = await voteView(vote, null);
		// A slide only for a revealed vote (see the deck), so every tally is there; `?? 0` only satisfies the type.
		return { kind: 'vote' as const, question: vote.question, voters, items: items.map((i) => ({ id: i.id, label: i.label, detail: i.detail, dots: i.dots ?? 0 })) };
	}
	if (slide.kind === 'survey') {
		// Its shift since the round before it (rounds are listed newest first), as the results page compares by default.
		const rounds = await listRounds(context);
		const at = rounds.findIndex((r) => r.id === slide.id);
		if (at < 0) throw new NotFoundError();
		const full = await roundResults(context, slide.id, rounds[at + 1]?.id ?? null);
		const round = rounds[at];
		return { kind: 'survey' as const, label: round.label, n: full.n, statements: full.statements, compare: full.compare };
	}
	if (slide.kind === 'notes') {
		const [room] = await db.select().from(rooms).where(and(eq(rooms.areaId, context.area.id), eq(rooms.id, slide.id)));
		if (!room) throw new NotFoundError();
		// The board's notes only: a held note (the identifier check found something) never reaches a screen of the room.
		const { notes } = await roomRecord(db, room, { withHeld: false });
		return {
			kind: 'notes' as const,
			room: room.title,
			themes: NOTE_KINDS.map((kind) => ({
				kind,
				label: NOTE_KIND_LABELS[kind],
				notes: notes.filter((n) => n.kind === kind).map((n) => ({ id: n.id, text: n.text, on: n.targetLabel, by: `${n.authorName}, ${n.authorOrganisation}` }))
			}))
		};
	}
	const toc = await getToc(context);
	return {
		kind: 'toc' as const,
		layout: tocLayoutOf(toc),
		nodes: toc.nodes.map((n) => ({ id: n.id, kind: n.kind, title: n.title })),
		links: toc.links.map((l) => ({ id: l.id, from: l.fromNodeId, to: l.toNodeId }))
	};
}
export type SlideContent = Awaited<ReturnType<typeof slideContent>>;

/**
 * What present mode shows this person: the facilitator's slide, unless they chose to look around on their own
 * (`?follow=0&slide=key`). Facilitators always see, and move, the room's slide.
 */
export async function presentPage(context: AreaContext, query: URLSearchParams) {
	const facilitating = canFacilitate(context);
	const [page, views] = await Promise.all([followPage(context, facilitating, query), facilitating ? listViews(context) : []]);
	return { ...page, canFacilitate: facilitating, views: views.map((v) => ({ id: v.id, name: v.name })) };
}

/**
 * Present mode on a workshop guest's screen: the presentation of their own room's area, read-only (a guest never
 * moves it), following or looking around like a member. The caller has checked the guest may still be in the room.
 */
export async function roomPresentation(areaId: string, query: URLSearchParams) {
	const [area] = await db.select().from(areas).where(eq(areas.id, areaId));
	if (!area) throw new NotFoundError();
	return followPage({ area }, false, query);
}

/** What a follower's (or the facilitator's) screen shows: the room's slide, or the one they chose to look at. */
async function followPage(context: AreaScope, facilitating: boolean, query: URLSearchParams) {
	const [state, deck] = await Promise.all([followState(context), presentDeck(context)]);
	const following = facilitating || query.get('follow') !== '0';
	const room = slideAt(deck, state.slide);
	const slide = following ? room : slideAt(deck, query.get('slide') ?? room.key);
	const content = await slideContent(context, slide, state);
	return {
		deck: deck.map(({ key, title, kind }) => ({ key, title, kind })),
		slide: { key: slide.key, title: slide.title, kind: slide.kind },
		roomSlide: { key: room.key, title: room.title },
		following,
		state: { viewId: state.viewId, drawing: state.drawing },
		timer: { seconds: state.timer.seconds, usedMs: state.timer.usedMs, startedAt: state.timer.startedAt?.toISOString() ?? null, now: new Date().toISOString() },
		content
	};
}

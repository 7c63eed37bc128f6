// Present mode: the facilitator's place (the slide, the map view it is drawn from, the timer) kept per area for every
// follower, and what each slide shows. The facilitator (the area's lead: the consultant running the workshop) moves it;
// every change is audited, which also tells every open page of the area within a moment (see $lib/server/realtime).
// A page that embeds the presentation (a room's guest screen, say) calls followState and slideContent with its own
// context and draws the result with $lib/components/present/PresentSlide.
import { and, count, eq } from 'drizzle-orm';
import { db } from '$lib/server/db';
import { presentations, surveyRounds, tocNodes, mapViews } from '$lib/server/db/schema';
import { audit } from '$lib/server/audit';
import { InputError, NotFoundError } from '$lib/server/errors';
import type { AreaContext } from '$lib/server/areas';
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
import { journeyLayoutOf, networkLayoutOf } from '$lib/server/map/layout';
import { actorColours, actorSizes, readMapQuery } from '$lib/domain/map/view';
import { diagramActor, packHandoffs } from '$lib/domain/map/types';
import { networkDrawingOf } from '$lib/diagrams/force';
import { edgeLabels } from '$lib/diagrams/edges';
import { getVote, listVotes } from '$lib/server/workshops';
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

export async function followState(context: AreaContext): Promise<FollowState> {
	const [row] = await db.select().from(presentations).where(eq(presentations.areaId, context.area.id));
	return {
		slide: row?.slide ?? FIRST_SLIDE,
		viewId: row?.viewId ?? null,
		drawing: row?.drawing ?? 'network',
		timer: { seconds: row?.timerSeconds ?? 600, usedMs: row?.timerUsedMs ?? 0, startedAt: row?.timerStartedAt ?? null }
	};
}

/** Writes the facilitator's place and audits it (which is what tells the followers). */
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
		await audit(tx, { actorId: context.user.id, areaId: context.area.id, entity: 'presentation', entityId: context.area.id, action, after });
	});
}

/** The slides of the area's presentation: the map's stages, revealed votes, survey rounds, the theory of change. */
export async function presentDeck(context: AreaContext): Promise<Slide[]> {
	const [votes, rounds, [toc]] = await Promise.all([
		listVotes(context),
		db.select({ id: surveyRounds.id, label: surveyRounds.label }).from(surveyRounds).where(eq(surveyRounds.areaId, context.area.id)).orderBy(surveyRounds.openedAt),
		db.select({ n: count() }).from(tocNodes).where(eq(tocNodes.areaId, context.area.id))
	]);
	return deckOf({ votes: votes.filter(isRevealed).reverse(), rounds, hasToc: toc.n > 0 });
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
async function stageContent(context: AreaContext, stage: Stage, state: FollowState) {
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
			sizes: view.size ? actorSizes(map, view.size) : null,
			colours: view.colour && view.colour !== 'sector' ? actorColours(map, view.colour) : null,
			highlight: { handoffs: inStage.map((h) => h.id), actors: [...new Set(inStage.flatMap((h) => [h.fromActorId, h.toActorId]))] }
		}
	};
}

/** What one slide shows, as plain data for PresentSlide. */
export async function slideContent(context: AreaContext, slide: Slide, state: FollowState) {
	if (slide.kind === 'stage') return stageContent(context, slide.stage, state);
	if (slide.kind === 'vote') {
		const { vote, items, voters } = await getVote(context, slide.id);
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
	const [state, deck] = await Promise.all([followState(context), presentDeck(context)]);
	const facilitating = canFacilitate(context);
	const following = facilitating || query.get('follow') !== '0';
	const room = slideAt(deck, state.slide);
	const slide = following ? room : slideAt(deck, query.get('slide') ?? room.key);
	const [content, views] = await Promise.all([slideContent(context, slide, state), facilitating ? listViews(context) : []]);
	return {
		deck: deck.map(({ key, title, kind }) => ({ key, title, kind })),
		slide: { key: slide.key, title: slide.title, kind: slide.kind },
		roomSlide: { key: room.key, title: room.title },
		following,
		canFacilitate: facilitating,
		state: { viewId: state.viewId, drawing: state.drawing },
		timer: { seconds: state.timer.seconds, usedMs: state.timer.usedMs, startedAt: state.timer.startedAt?.toISOString() ?? null, now: new Date().toISOString() },
		views: views.map((v) => ({ id: v.id, name: v.name })),
		content
	};
}

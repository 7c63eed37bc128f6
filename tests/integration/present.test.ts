import { describe, expect, it } from 'vitest';
import { createActor, createHandoff } from '$lib/server/map';
import { saveView, deleteView } from '$lib/server/map/views';
import { closeVote, openVote } from '$lib/server/workshops';
import { drawMapFrom, followState, moveTo, presentDeck, presentPage, runTimer } from '$lib/server/present';
import { InputError, NotFoundError } from '$lib/server/errors';
import type { AreaContext } from '$lib/server/areas';
import type { AreaRole } from '$lib/domain/roles';
import { useTestDatabase } from '../helpers/database';
import { addMember, makeArea, makeUser } from '../helpers/factories';

useTestDatabase();

async function member(area: Awaited<ReturnType<typeof makeArea>>, role: AreaRole): Promise<AreaContext> {
	const user = await makeUser(role === 'lead' ? 'consultant' : 'partner');
	await addMember(area.id, user.id, role);
	return { area, role, user };
}

async function smallMap(editor: AreaContext) {
	const police = await createActor(editor, { name: 'Police', sector: 'police', kind: 'organisation', audience: 'both', description: '' });
	const council = await createActor(editor, { name: 'Council', sector: 'childrens_services', kind: 'organisation', audience: 'both', description: '' });
	const handoff = (label: string, stage: 'during' | 'return', rating: 'broken' | 'working') =>
		createHandoff(editor, { fromActorId: police.id, toActorId: council.id, label, stage, passes: 'information', audience: 'both', rating, trigger: '', standard: '', evidence: '', notes: '', isGap: false });
	return { police, council, during: await handoff('Missing notification', 'during', 'working'), back: await handoff('Return interview request', 'return', 'broken') };
}

describe('present mode', () => {
	it('keeps the facilitator slide, which only a lead moves, within the deck', async () => {
		const area = await makeArea();
		const [lead, editor] = [await member(area, 'lead'), await member(area, 'editor')];
		expect((await followState(editor)).slide).toBe('stage:before');
		await moveTo(lead, 'stage:after');
		expect((await followState(editor)).slide).toBe('stage:after');
		await expect(moveTo(editor, 'stage:during')).rejects.toThrow(NotFoundError);
		await expect(moveTo(lead, 'vote:nosuchvote')).rejects.toThrow(InputError);
		await expect(moveTo(lead, 'toc')).rejects.toThrow(InputError);
		expect((await followState(editor)).slide).toBe('stage:after');
	});

	it('adds a slide for a vote once its results are revealed, and shows the tallies', async () => {
		const area = await makeArea();
		const lead = await member(area, 'lead');
		await smallMap(await member(area, 'editor'));
		const vote = await openVote(lead, { question: 'Fix first?', scope: 'all', dots: 2 });
		expect((await presentDeck(lead)).map((s) => s.key)).not.toContain(`vote:${vote.id}`);
		await closeVote(lead, vote.id);
		expect((await presentDeck(lead)).map((s) => s.key)).toContain(`vote:${vote.id}`);
		await moveTo(lead, `vote:${vote.id}`);
		const page = await presentPage(lead, new URLSearchParams());
		expect(page.slide).toMatchObject({ kind: 'vote', title: 'Fix first?' });
		expect(page.content).toMatchObject({ kind: 'vote', voters: 0 });
	});

	it('highlights and labels the stage handoffs, and follows or lets a participant look around', async () => {
		const area = await makeArea();
		const [lead, viewer] = [await member(area, 'lead'), await member(area, 'viewer')];
		const { during, back } = await smallMap(await member(area, 'editor'));
		await moveTo(lead, 'stage:return');
		const followed = await presentPage(viewer, new URLSearchParams());
		expect(followed).toMatchObject({ following: true, canFacilitate: false, slide: { key: 'stage:return' } });
		if (followed.content.kind !== 'stage' || followed.content.drawing !== 'network') throw new Error('a network stage slide');
		expect(followed.content.decor.highlight.handoffs).toEqual([back.id]);
		expect(followed.content.labels.map((l) => [l.id, l.text])).toEqual([[back.id, 'Return interview request']]);
		expect(followed.content.handoffs.map((h) => h.label)).toEqual(['Return interview request']);

		const alone = await presentPage(viewer, new URLSearchParams('follow=0&slide=stage:during'));
		expect(alone).toMatchObject({ following: false, slide: { key: 'stage:during' }, roomSlide: { key: 'stage:return' } });
		if (alone.content.kind !== 'stage') throw new Error('a stage slide');
		expect(alone.content.handoffs.map((h) => h.id)).toEqual([during.id]);
		// A facilitator never drifts from the room's slide.
		expect((await presentPage(lead, new URLSearchParams('follow=0&slide=stage:during'))).slide.key).toBe('stage:return');
	});

	it('draws the map from a saved view as a swimlane, and falls back to the whole map when the view goes', async () => {
		const area = await makeArea();
		const lead = await member(area, 'lead');
		const editor = await member(area, 'editor');
		const { police } = await smallMap(editor);
		const view = await saveView(editor, { name: 'Police only', page: 'network', query: `focus=${police.id}&hops=1` });
		await expect(drawMapFrom(lead, { viewId: 'missing', drawing: 'network' })).rejects.toThrow(InputError);
		await drawMapFrom(lead, { viewId: view.id, drawing: 'journey' });
		const page = await presentPage(lead, new URLSearchParams());
		expect(page.content).toMatchObject({ kind: 'stage', drawing: 'journey', viewName: 'Police only' });
		await deleteView(editor, view.id);
		expect(await followState(lead)).toMatchObject({ viewId: null, drawing: 'journey' });
	});

	it('runs the timer: started, paused and reset by the facilitator only', async () => {
		const area = await makeArea();
		const [lead, viewer] = [await member(area, 'lead'), await member(area, 'viewer')];
		await runTimer(lead, 'reset', 5);
		expect((await followState(viewer)).timer).toEqual({ seconds: 300, usedMs: 0, startedAt: null });
		await runTimer(lead, 'start');
		const started = (await followState(viewer)).timer;
		expect(started.startedAt).toBeInstanceOf(Date);
		await runTimer(lead, 'pause');
		const paused = (await followState(viewer)).timer;
		expect(paused.startedAt).toBeNull();
		expect(paused.usedMs).toBeGreaterThanOrEqual(0);
		await expect(runTimer(viewer, 'start')).rejects.toThrow(NotFoundError);
	});
});

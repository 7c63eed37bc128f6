import { describe, expect, it } from 'vitest';
import { createActor, createHandoff } from '$lib/server/map';
import { closeVote, getVote, moveMyDot, openVote } from '$lib/server/workshops';
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

async function mapWithGap(editor: AreaContext) {
	const a = await createActor(editor, { name: 'Police', sector: 'police', kind: 'organisation', audience: 'both', description: '' });
	const b = await createActor(editor, { name: 'Council', sector: 'childrens_services', kind: 'organisation', audience: 'both', description: '' });
	const handoff = (label: string, rating: 'broken' | 'working') =>
		createHandoff(editor, { fromActorId: a.id, toActorId: b.id, label, stage: 'after', passes: 'information', audience: 'both', rating, trigger: '', standard: '', evidence: '', notes: '', isGap: false });
	return { broken: await handoff('Return interview request', 'broken'), working: await handoff('Missing notification', 'working') };
}

describe('dot votes', () => {
	it('let every member spend their dots on the ballot only, live until the facilitator closes the vote', async () => {
		const area = await makeArea();
		const [lead, editor, viewer] = [await member(area, 'lead'), await member(area, 'editor'), await member(area, 'viewer')];
		const { broken, working } = await mapWithGap(editor);
		await expect(openVote(editor, { question: 'Fix first?', scope: 'gaps', dots: 2 })).rejects.toThrow(NotFoundError);
		const vote = await openVote(lead, { question: 'Fix first?', scope: 'gaps', dots: 2 });

		await moveMyDot(viewer, { voteId: vote.id, itemId: broken.id, change: 1 });
		await moveMyDot(viewer, { voteId: vote.id, itemId: broken.id, change: 1 });
		await expect(moveMyDot(viewer, { voteId: vote.id, itemId: broken.id, change: 1 })).rejects.toThrow(InputError);
		await expect(moveMyDot(editor, { voteId: vote.id, itemId: working.id, change: 1 })).rejects.toThrow('That is not on this vote.');
		await moveMyDot(editor, { voteId: vote.id, itemId: broken.id, change: 1 });
		await moveMyDot(viewer, { voteId: vote.id, itemId: broken.id, change: -1 });

		const results = await getVote(viewer, vote.id);
		expect(results.items.map((i) => [i.label, i.dots])).toEqual([['Return interview request', 2]]);
		expect(results).toMatchObject({ voters: 2, spent: 1, mine: { [broken.id]: 1 } });

		await closeVote(lead, vote.id);
		await closeVote(lead, vote.id);
		await expect(moveMyDot(editor, { voteId: vote.id, itemId: broken.id, change: 1 })).rejects.toThrow('This vote has closed');
	});

	it('are out of reach from another area', async () => {
		const [north, south] = [await makeArea(), await makeArea()];
		const lead = await member(north, 'lead');
		const { broken } = await mapWithGap(await member(north, 'editor'));
		const vote = await openVote(lead, { question: 'Fix first?', scope: 'all', dots: 3 });
		const outsider = await member(south, 'editor');
		await expect(getVote(outsider, vote.id)).rejects.toThrow(NotFoundError);
		await expect(moveMyDot(outsider, { voteId: vote.id, itemId: broken.id, change: 1 })).rejects.toThrow(NotFoundError);
	});
});

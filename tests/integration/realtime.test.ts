import { describe, expect, it } from 'vitest';
import { db, connect } from '$lib/server/db';
import { createActor } from '$lib/server/map';
import { createAction } from '$lib/server/actions';
import { audit } from '$lib/server/audit';
import { CHANNEL, changesSince, follow, markGone, markPresent, presentIn, startRealtime } from '$lib/server/realtime';
import type { AreaChange, PresentPerson } from '$lib/domain/live';
import { loadAreaContext, removeMember, type AreaContext } from '$lib/server/areas';
import { areaStream } from '$lib/server/realtime/stream';
import { useTestDatabase } from '../helpers/database';
import { addMember, makeArea, makeUser } from '../helpers/factories';

const database = useTestDatabase();

async function editorOf(area: Awaited<ReturnType<typeof makeArea>>): Promise<AreaContext> {
	const user = await makeUser('partner');
	await addMember(area.id, user.id, 'editor');
	return { area, role: 'editor', user };
}

const until = async (check: () => boolean, ms = 2000) => {
	const end = Date.now() + ms;
	while (!check() && Date.now() < end) await new Promise((r) => setTimeout(r, 10));
	return check();
};

describe('change events', () => {
	it('reach the followers of the changed area only, after commit, with topic, id and version', async () => {
		const stop = await startRealtime();
		try {
			const [north, south] = [await makeArea(), await makeArea()];
			const editor = await editorOf(north);
			const heard: AreaChange[] = [];
			const elsewhere: AreaChange[] = [];
			const unfollow = follow(north.id, { change: (c) => heard.push(c), presence: () => {} });
			follow(south.id, { change: (c) => elsewhere.push(c), presence: () => {} });

			const actor = await createActor(editor, { name: 'Live Police', sector: 'police', kind: 'organisation', audience: 'both', description: '' });
			const action = await createAction(editor, {
				title: 'Live action',
				description: '',
				ownerActorId: actor.id,
				ownerUserId: null,
				dueDate: null,
				status: 'not_started',
				priority: 'medium',
				handoffIds: []
			});
			expect(await until(() => heard.length === 2)).toBe(true);
			expect(heard.map((c) => [c.topic, c.entity, c.entityId, c.action])).toEqual([
				['map', 'map_actor', actor.id, 'create'],
				['actions', 'action', action.id, 'create']
			]);
			expect(heard[1].version).toBe(1);
			expect(heard[1].id).toBeGreaterThan(heard[0].id);
			expect(elsewhere).toHaveLength(0);

			// A change that rolls back is never announced.
			await db
				.transaction(async (tx) => {
					await audit(tx, { actorId: editor.user.id, areaId: north.id, entity: 'action', entityId: 'x', action: 'update' });
					throw new Error('roll back');
				})
				.catch(() => {});
			await new Promise((r) => setTimeout(r, 200));
			expect(heard).toHaveLength(2);

			// A browser that reconnects after the first change is given the second.
			expect((await changesSince(north.id, heard[0].id)).map((c) => c.entityId)).toEqual([action.id]);
			unfollow();
		} finally {
			await stop();
		}
	});

	it('keep who is on which page, and forget a stream once it says goodbye', async () => {
		const stop = await startRealtime();
		try {
			const area = await makeArea();
			const { user } = await editorOf(area);
			const seen: PresentPerson[][] = [];
			follow(area.id, { change: () => {}, presence: (p) => seen.push(p) });
			await markPresent('stream-1', area.id, user.id, `/app/areas/${area.slug}/map`);
			expect(await presentIn(area.id)).toEqual([{ userId: user.id, name: user.name, organisation: 'Test organisation', view: `/app/areas/${area.slug}/map` }]);
			expect(await until(() => seen.at(-1)?.length === 1)).toBe(true);
			await markGone('stream-1', area.id);
			expect(await presentIn(area.id)).toEqual([]);
			expect(await until(() => seen.at(-1)?.length === 0)).toBe(true);
		} finally {
			await stop();
		}
	});

	it.runIf(process.env.DATABASE_URL)('made through one instance reach another instance on the same PostgreSQL', async () => {
		// A second connection pool to the same database plays a second app instance.
		const other = await connect({ url: database.url!, migrate: false });
		const heard: AreaChange[] = [];
		const unlisten = await other.listen(CHANNEL, (payload) => {
			const notice = JSON.parse(payload);
			if (notice.kind === 'change') heard.push(notice.change);
		});
		try {
			const area = await makeArea();
			const editor = await editorOf(area);
			const actor = await createActor(editor, { name: 'Far Police', sector: 'police', kind: 'organisation', audience: 'both', description: '' });
			expect(await until(() => heard.some((c) => c.entityId === actor.id))).toBe(true);
			expect(heard.find((c) => c.entityId === actor.id)).toMatchObject({ areaId: area.id, topic: 'map', action: 'create' });
		} finally {
			await unlisten();
			await other.close();
		}
	});
});

describe('an open event stream', () => {
	it('leaves nobody "here" when it closes while its hello is still on its way', async () => {
		const area = await makeArea();
		const people = await Promise.all(Array.from({ length: 10 }, () => editorOf(area)));
		// Each tab closes as soon as it opens (a page left at once): its goodbye must come after its hello.
		const readers = people.map((context) => areaStream(context, `/app/areas/${area.slug}`, null, async () => true).getReader());
		await Promise.all(readers.map((reader) => reader.cancel()));
		for (let i = 0; i < 50 && (await presentIn(area.id)).length > 0; i++) await new Promise((r) => setTimeout(r, 20));
		await new Promise((r) => setTimeout(r, 200));
		expect(await presentIn(area.id)).toEqual([]);
	});

	it('ends as soon as its reader is removed from the area, and keeps going for those who stay', async () => {
		const stop = await startRealtime();
		try {
			const area = await makeArea();
			const lead = await makeUser('consultant');
			await addMember(area.id, lead.id, 'lead');
			const [leaving, staying] = [await editorOf(area), await editorOf(area)];
			const open = (context: AreaContext) => {
				const stream = areaStream(context, `/app/areas/${area.slug}`, null, async () => (await loadAreaContext(context.user, area.slug, 'viewer')) !== null);
				const reader = stream.getReader();
				const state = { ended: false, text: '' };
				(async () => {
					for (;;) {
						const { done, value } = await reader.read();
						if (done) return void (state.ended = true);
						state.text += new TextDecoder().decode(value);
					}
				})();
				return { state, cancel: () => reader.cancel() };
			};
			const [gone, kept] = [open(leaving), open(staying)];
			expect(await until(() => gone.state.text.includes('event: presence') && kept.state.text.includes('event: presence'))).toBe(true);

			await removeMember({ area, role: 'lead', user: lead }, leaving.user.id);
			expect(await until(() => gone.state.ended)).toBe(true);
			expect(await until(() => kept.state.text.includes('"topic":"members"'))).toBe(true);
			expect(kept.state.ended).toBe(false);
			await kept.cancel();
			// Both streams have said goodbye before the database closes.
			for (let i = 0; i < 100 && (await presentIn(area.id)).length > 0; i++) await new Promise((r) => setTimeout(r, 20));
			expect(await presentIn(area.id)).toEqual([]);
		} finally {
			await stop();
		}
	});
});


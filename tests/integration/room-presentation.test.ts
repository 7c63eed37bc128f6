// The facilitator's presentation in a workshop room: its guests follow it through the room's own stream, read it for
// their room's area only, and see the room's notes by theme (never a held one).
import { describe, expect, it } from 'vitest';
import { hashToken, newToken } from '$lib/server/ids';
import { closeRoom, openRoom } from '$lib/server/rooms';
import { addNote, guestByToken, joinRoom } from '$lib/server/rooms/guests';
import { moveTo, presentDeck, presentPage, roomPresentation } from '$lib/server/present';
import { followRoom, startRealtime } from '$lib/server/realtime';
import { workshopRoom, type RoomChange } from '$lib/domain/live';
import type { AreaContext } from '$lib/server/areas';
import { useTestDatabase } from '../helpers/database';
import { addMember, makeArea, makeUser } from '../helpers/factories';

useTestDatabase();

let address = 0;
const hours = (n: number) => new Date(Date.now() + n * 3_600_000);

async function leadOf(area?: Awaited<ReturnType<typeof makeArea>>): Promise<AreaContext> {
	const a = area ?? (await makeArea());
	const user = await makeUser('consultant');
	await addMember(a.id, user.id, 'lead');
	return { area: a, role: 'lead', user };
}

async function guestIn(code: string, displayName = 'Sam') {
	const token = newToken();
	await joinRoom(code, { displayName, organisation: 'Testshire Police' }, hashToken(token), `10.9.0.${++address}`);
	return (await guestByToken(hashToken(token)))!;
}

describe('a workshop room following the presentation', () => {
	it('hears each step on the area’s open rooms’ streams, not on a closed room’s or another area’s', async () => {
		const stop = await startRealtime();
		try {
			const lead = await leadOf();
			const open = await openRoom(lead, { title: 'Workshop 3', startsAt: hours(-1), endsAt: hours(1) });
			const closed = await openRoom(lead, { title: 'Workshop 2', startsAt: hours(-1), endsAt: hours(1) });
			await closeRoom(lead, closed.id);
			const elsewhere = await openRoom(await leadOf(), { title: 'Elsewhere', startsAt: hours(-1), endsAt: hours(1) });
			const heard: RoomChange[] = [];
			const strays: RoomChange[] = [];
			const onlyPresent = (list: RoomChange[]) => (c: RoomChange) => c.entity === 'presentation' && list.push(c);
			const unfollow = [
				followRoom(workshopRoom(open.id), onlyPresent(heard)),
				followRoom(workshopRoom(closed.id), onlyPresent(strays)),
				followRoom(workshopRoom(elsewhere.id), onlyPresent(strays))
			];
			await moveTo(lead, 'stage:during');
			const end = Date.now() + 2000;
			while (heard.length < 1 && Date.now() < end) await new Promise((r) => setTimeout(r, 10));
			await new Promise((r) => setTimeout(r, 100));
			expect(heard.map((c) => [c.topic, c.action])).toEqual([['present', 'step']]);
			expect(strays).toEqual([]);
			for (const stopFollowing of unfollow) stopFollowing();
		} finally {
			await stop();
		}
	});

	it('shows a guest the facilitator’s slide, or the one they look at on their own, read-only', async () => {
		const lead = await leadOf();
		await openRoom(lead, { title: 'Workshop 3', startsAt: hours(-1), endsAt: hours(1) });
		await moveTo(lead, 'stage:return');
		const following = await roomPresentation(lead.area.id, new URLSearchParams());
		expect(following).toMatchObject({ following: true, slide: { key: 'stage:return' }, content: { kind: 'stage', stage: 'return' } });
		expect(following).not.toHaveProperty('canFacilitate');
		expect(following).not.toHaveProperty('views');
		const looking = await roomPresentation(lead.area.id, new URLSearchParams({ follow: '0', slide: 'stage:after' }));
		expect(looking).toMatchObject({ following: false, slide: { key: 'stage:after' }, roomSlide: { key: 'stage:return' } });
		await moveTo(lead, 'stage:repeat');
		const stillLooking = await roomPresentation(lead.area.id, new URLSearchParams({ follow: '0', slide: 'stage:after' }));
		expect(stillLooking).toMatchObject({ slide: { key: 'stage:after' }, roomSlide: { key: 'stage:repeat' } });
	});
});

describe('the notes slide', () => {
	it('groups the open room’s shown notes by theme and never shows a held one', async () => {
		const lead = await leadOf();
		const room = await openRoom(lead, { title: 'Workshop 3', startsAt: hours(-1), endsAt: hours(1) });
		const sam = await guestIn(room.code);
		expect((await presentDeck(lead)).some((s) => s.kind === 'notes')).toBe(false);
		await addNote(sam, { kind: 'breaks', targetKind: 'stage', targetId: 'return', text: 'Call 07700 900123 for the return interview.' });
		expect((await presentDeck(lead)).some((s) => s.kind === 'notes')).toBe(false);
		await addNote(sam, { kind: 'works', targetKind: 'stage', targetId: 'during', text: 'The daily call works.' });
		await addNote(sam, { kind: 'idea', targetKind: 'stage', targetId: 'after', text: 'A shared return form.' });

		const deck = await presentDeck(lead);
		expect(deck.at(-1)).toMatchObject({ kind: 'notes', key: `notes:${room.id}`, title: 'The room’s notes: Workshop 3' });
		await moveTo(lead, `notes:${room.id}`);
		const page = await presentPage(lead, new URLSearchParams());
		const guestPage = await roomPresentation(lead.area.id, new URLSearchParams());
		for (const { content } of [page, guestPage]) {
			if (content.kind !== 'notes') throw new Error('expected the notes slide');
			expect(content.themes.map((t) => [t.label, t.notes.map((n) => n.text)])).toEqual([
				['What works', ['The daily call works.']],
				['What breaks', []],
				['Idea', ['A shared return form.']]
			]);
			expect(JSON.stringify(content)).not.toContain('07700');
		}
	});

	it('takes the latest room once none is open', async () => {
		const lead = await leadOf();
		const earlier = await openRoom(lead, { title: 'Workshop 1', startsAt: hours(-3), endsAt: hours(1) });
		const later = await openRoom(lead, { title: 'Workshop 2', startsAt: hours(-1), endsAt: hours(1) });
		await addNote(await guestIn(earlier.code), { kind: 'works', targetKind: 'stage', targetId: 'during', text: 'Earlier note.' });
		await addNote(await guestIn(later.code), { kind: 'works', targetKind: 'stage', targetId: 'during', text: 'Later note.' });
		await closeRoom(lead, earlier.id);
		await closeRoom(lead, later.id);
		expect((await presentDeck(lead)).at(-1)).toMatchObject({ key: `notes:${later.id}` });
	});
});

// A workshop room for the people in it: the join form (a display name and an organisation, no account), then the
// room itself: its votes and notes, and forms to add a note or propose an actor or a handoff (the facilitator's
// presentation above them comes from the [code] layout's load, and the actors, handoffs and outcomes the forms offer
// from the (room) layout's). Reached by the room's code; the browser holds a random token in an HttpOnly
// cookie bound to this room and expiring with it.
import { error, fail, redirect, type RequestEvent } from '@sveltejs/kit';
import type { z } from 'zod';
import { failureFrom, parseForm } from '$lib/server/forms';
import { followRoomTopics } from '$lib/server/realtime';
import { guestView, joinRoom, markGuestSeen, organisationsOf, roomByCode, GuestRefused, type GuestSession } from '$lib/server/rooms/guests';
import { setGuestCookie } from '$lib/server/rooms/cookie';
import { hashToken, newToken } from '$lib/server/ids';
import { joinRoomSchema, noteSchema, proposeActorSchema, proposeHandoffSchema } from '$lib/validators/rooms';
import { addNote, moveGuestDot, proposeActor, proposeHandoff } from '$lib/server/rooms/guests';
import { guestDotSchema } from '$lib/validators/workshops';
import { normaliseJoinCode } from '$lib/domain/join-code';
import { isRoomOpen, ROOM_CLOSED_MESSAGE } from '$lib/domain/rooms';
import { WORKSHOP_TOPICS, workshopRoom } from '$lib/domain/live';

const NO_ROOM = 'No workshop room has this code. Check it on the screen in the room: it is six letters and numbers.';

/** The room's code as typed in the address, or a 404 that says so. */
function codeOf(event: Pick<RequestEvent, 'params'>) {
	const code = normaliseJoinCode(event.params.code ?? '');
	if (!code) error(404, NO_ROOM);
	if (code !== event.params.code) redirect(303, `/w/${code}`);
	return code;
}

/** This browser's place in this room, if it has one. */
function sessionIn(event: Pick<RequestEvent, 'locals'>, code: string): GuestSession | null {
	const session = event.locals.guest;
	return session && session.room.code === code ? session : null;
}

export async function load(event) {
	event.setHeaders({ 'cache-control': 'no-store' });
	const code = codeOf(event);
	const session = sessionIn(event, code);
	if (session) {
		followRoomTopics(event, workshopRoom(session.room.id), ...WORKSHOP_TOPICS);
		await markGuestSeen(session.guest);
		const { votes, ...joined } = await guestView(session);
		return { chrome: 'room' as const, code, roomId: session.room.id, joined, votes };
	}
	const room = await roomByCode(code);
	if (!room) error(404, NO_ROOM);
	const open = isRoomOpen(room, new Date());
	return {
		chrome: 'room' as const,
		code,
		roomId: room.id,
		joined: null,
		votes: [],
		room: { title: room.title, open },
		organisations: open ? (await organisationsOf(room)).map((o) => o.name) : []
	};
}

/** A guest's action in their room: a valid form, one verb; a closed room or a removed guest is refused with why. */
function asGuest<S extends z.ZodType>(schema: S, verb: (session: GuestSession, input: z.output<S>) => Promise<{ status?: string }>) {
	return async (event: RequestEvent<{ code: string }>) => {
		const session = sessionIn(event, codeOf(event));
		if (!session) return fail(403, { errors: { _form: 'Join the room first: your name and organisation are all it takes.' }, values: {} });
		const form = await parseForm(event.request, schema);
		if (!form.ok) return form.failure;
		try {
			const made = await verb(session, form.data);
			return { done: made.status ?? 'shown' };
		} catch (err) {
			if (err instanceof GuestRefused) return fail(403, { errors: { _form: err.message }, values: form.values });
			return failureFrom(event, err, form.values);
		}
	};
}

export const actions = {
	join: async (event) => {
		const code = codeOf(event);
		const form = await parseForm(event.request, joinRoomSchema);
		if (!form.ok) return form.failure;
		const token = newToken();
		let room;
		try {
			({ room } = await joinRoom(code, form.data, hashToken(token), event.getClientAddress()));
		} catch (err) {
			if (err instanceof GuestRefused) return fail(403, { errors: { _form: ROOM_CLOSED_MESSAGE }, values: form.values });
			return failureFrom(event, err, form.values);
		}
		setGuestCookie(event.cookies, event.url, token, room.endsAt);
		redirect(303, `/w/${code}`);
	},
	note: asGuest(noteSchema, addNote),
	propose: asGuest(proposeActorSchema, async (session, input) => ({ ...(await proposeActor(session, input)), status: 'proposed' })),
	proposeHandoff: asGuest(proposeHandoffSchema, async (session, input) => ({ ...(await proposeHandoff(session, input)), status: 'proposed-handoff' })),
	dot: asGuest(guestDotSchema, async (session, input) => (await moveGuestDot(session, input), { status: 'dot' }))
};

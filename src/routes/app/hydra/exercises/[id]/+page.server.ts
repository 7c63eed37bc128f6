import type { RequestEvent } from '@sveltejs/kit';
import { requireRole } from '$lib/server/auth/guard';
import { parseForm, failureFrom } from '$lib/server/forms';
import { followRoomTopics } from '$lib/server/realtime';
import { qrLink } from '$lib/server/qr';
import { hidePostSchema, holdSchema, messageSchema, moveExerciseSchema, observerNoteSchema, releaseSchema, showPostSchema } from '$lib/validators/hydra-live';
import { addObserverNote, getControl, holdInject, moderateBoardPost, moveExercise, releaseInject, runOnClock } from '$lib/server/hydra/exercises';
import { sendMessage } from '$lib/server/hydra/messages';
import { exerciseRoom } from '$lib/domain/live';
import type { ExerciseMove } from '$lib/domain/hydra/exercise';
import { notFoundAs404 } from './guard.server';

export async function load(event) {
	const user = requireRole(event, 'admin', 'consultant');
	followRoomTopics(event, exerciseRoom(event.params.id), 'exercise', 'decisions', 'notes', 'board', 'messages', 'screens');
	const control = await notFoundAs404(getControl(user, event.params.id));
	const join = await qrLink(`/hydra/join?code=${control.exercise.joinCode}`, 320);
	return { ...control, joinUrl: join.url, qr: control.exercise.status === 'ended' ? null : join.qr };
}

const move = (name: ExerciseMove) => async (event: RequestEvent<{ id: string }>) => {
	const user = requireRole(event, 'admin', 'consultant');
	const form = await parseForm(event.request, moveExerciseSchema);
	if (!form.ok) return form.failure;
	try {
		await moveExercise(user, { id: event.params.id, version: form.data.version, move: name });
	} catch (err) {
		return failureFrom(event, err, form.values);
	}
	return { done: name };
};

const clock = (on: boolean) => async (event: RequestEvent<{ id: string }>) => {
	const user = requireRole(event, 'admin', 'consultant');
	const form = await parseForm(event.request, moveExerciseSchema);
	if (!form.ok) return form.failure;
	try {
		await runOnClock(user, { id: event.params.id, version: form.data.version, on });
	} catch (err) {
		return failureFrom(event, err, form.values);
	}
	return { done: on ? 'clockOn' : 'clockOff' };
};

const hold = (held: boolean) => async (event: RequestEvent<{ id: string }>) => {
	const user = requireRole(event, 'admin', 'consultant');
	const form = await parseForm(event.request, holdSchema);
	if (!form.ok) return form.failure;
	try {
		await holdInject(user, { id: event.params.id, injectId: form.data.injectId, hold: held });
	} catch (err) {
		return failureFrom(event, err, form.values);
	}
	return { done: held ? 'hold' : 'letGo' };
};

export const actions = {
	start: move('start'),
	clockOn: clock(true),
	clockOff: clock(false),
	hold: hold(true),
	letGo: hold(false),
	message: async (event) => {
		const user = requireRole(event, 'admin', 'consultant');
		const form = await parseForm(event.request, messageSchema);
		if (!form.ok) return form.failure;
		try {
			await sendMessage(user, { id: event.params.id, syndicateId: form.data.to, text: form.data.message });
		} catch (err) {
			return failureFrom(event, err, form.values);
		}
		return { done: 'message' };
	},
	pause: move('pause'),
	resume: move('resume'),
	end: move('end'),
	release: async (event) => {
		const user = requireRole(event, 'admin', 'consultant');
		const form = await parseForm(event.request, releaseSchema);
		if (!form.ok) return form.failure;
		try {
			await releaseInject(user, { id: event.params.id, injectId: form.data.injectId });
		} catch (err) {
			return failureFrom(event, err, form.values);
		}
		return { done: 'release' };
	},
	note: async (event) => {
		const user = requireRole(event, 'admin', 'consultant');
		const form = await parseForm(event.request, observerNoteSchema);
		if (!form.ok) return form.failure;
		try {
			await addObserverNote(user, { id: event.params.id, ...form.data });
		} catch (err) {
			return failureFrom(event, err, form.values);
		}
		return { done: 'note' };
	},
	hidePost: async (event) => {
		const user = requireRole(event, 'admin', 'consultant');
		const form = await parseForm(event.request, hidePostSchema);
		if (!form.ok) return form.failure;
		try {
			await moderateBoardPost(user, { id: event.params.id, postId: form.data.postId, move: 'hide', reason: form.data.reason });
		} catch (err) {
			return failureFrom(event, err, form.values);
		}
		return { done: 'hidePost' };
	},
	showPost: async (event) => {
		const user = requireRole(event, 'admin', 'consultant');
		const form = await parseForm(event.request, showPostSchema);
		if (!form.ok) return form.failure;
		try {
			await moderateBoardPost(user, { id: event.params.id, postId: form.data.postId, move: 'show' });
		} catch (err) {
			return failureFrom(event, err, form.values);
		}
		return { done: 'showPost' };
	}
};

// The Undo and Redo form actions, shared by the map's pages (network, journey, table) so that the buttons post to the
// page they are on and its form result shows beside them, with or without JavaScript.
import { fail, type RequestEvent } from '@sveltejs/kit';
import { requireArea } from '$lib/server/auth/guard';
import { failureFrom, parseForm } from '$lib/server/forms';
import { ConflictError } from '$lib/server/errors';
import { historySchema } from '$lib/validators/map';
import { undoOrRedo } from './history';
import type { Direction } from '$lib/domain/map/history';

async function carryOut(event: RequestEvent<{ slug: string }>, direction: Direction) {
	const context = await requireArea(event, 'editor');
	const form = await parseForm(event.request, historySchema);
	if (!form.ok) return fail(400, { history: { ok: false, message: 'Nothing to undo or redo here.' } });
	try {
		const { label } = await undoOrRedo(context, form.data.entry, direction);
		return { history: { ok: true, message: `${direction === 'undo' ? 'Undone' : 'Redone'}: ${label}.` } };
	} catch (err) {
		if (err instanceof ConflictError) return fail(409, { history: { ok: false, message: err.message } });
		return failureFrom(event, err, form.values);
	}
}

export const historyActions = {
	undo: (event: RequestEvent<{ slug: string }>) => carryOut(event, 'undo'),
	redo: (event: RequestEvent<{ slug: string }>) => carryOut(event, 'redo')
};

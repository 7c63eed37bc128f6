import { error, fail, redirect } from '@sveltejs/kit';
import { requireRole } from '$lib/server/auth/guard';
import { failureFrom, parseForm, type FieldErrors } from '$lib/server/forms';
import { NotFoundError } from '$lib/server/errors';
import { addLearningPoint, conversionForm, convertLearningPoint, deleteLearningPoint, learningPage, updateLearningPoint } from '$lib/server/hydra/learning';
import { addLearningPointSchema, deleteLearningPointSchema, editLearningPointSchema } from '$lib/validators/hydra-learning';
import { createActionSchema } from '$lib/validators/actions';
import { followRoomTopics } from '$lib/server/realtime';
import { exerciseRoom } from '$lib/domain/live';

const staff = (event: Parameters<typeof requireRole>[0]) => requireRole(event, 'admin', 'consultant');

/** The learning points; `?convert=<point>` (with `&area=<slug>`) adds the form that makes one an action. */
export async function load(event) {
	const user = staff(event);
	// Live like every other staff page: a point another consultant adds, edits or converts appears here without a reload.
	followRoomTopics(event, exerciseRoom(event.params.id), 'learning', 'exercise');
	const convert = event.url.searchParams.get('convert');
	try {
		const [page, conversion] = await Promise.all([
			learningPage(user, event.params.id),
			convert ? conversionForm(user, event.params.id, convert, event.url.searchParams.get('area') || null) : null
		]);
		return { ...page, conversion };
	} catch (err) {
		if (err instanceof NotFoundError) error(404, 'Not found');
		throw err;
	}
}

export const actions = {
	add: async (event) => {
		const user = staff(event);
		const form = await parseForm(event.request, addLearningPointSchema);
		if (!form.ok) return fail(400, { ...form.failure.data, form: 'add' });
		try {
			await addLearningPoint(user, event.params.id, form.data);
			return { message: 'Learning point added.', form: 'add' };
		} catch (err) {
			const failure = failureFrom(event, err, form.values);
			return fail(failure.status, { ...failure.data, form: 'add' });
		}
	},
	edit: async (event) => {
		const user = staff(event);
		const form = await parseForm(event.request, editLearningPointSchema);
		const scope = `point-${form.ok ? form.data.id : (form.failure.data.values.id ?? '')}`;
		if (!form.ok) return fail(400, { ...form.failure.data, form: scope });
		try {
			await updateLearningPoint(user, event.params.id, form.data);
			return { message: 'Learning point saved.', form: scope };
		} catch (err) {
			const failure = failureFrom(event, err, form.values);
			// A stale or converted point: the form shows it as it now stands, with what this person typed beside it.
			return fail(failure.status, { ...failure.data, form: scope });
		}
	},
	delete: async (event) => {
		const user = staff(event);
		const form = await parseForm(event.request, deleteLearningPointSchema);
		if (!form.ok) return fail(400, { ...form.failure.data, form: 'conflict' });
		try {
			await deleteLearningPoint(user, event.params.id, form.data);
			return { message: 'Learning point removed.', form: 'delete' };
		} catch (err) {
			const failure = failureFrom(event, err, form.values);
			return fail(failure.status, { ...failure.data, form: 'conflict' });
		}
	},
	/** The action plan's own form, posted to `?/convert&point=<id>&area=<slug>`. */
	convert: async (event) => {
		const user = staff(event);
		const point = event.url.searchParams.get('point') ?? '';
		const area = event.url.searchParams.get('area') ?? '';
		// The ticked links come back as lists, so an error keeps every one of them ticked.
		const raw = await event.request.clone().formData();
		const chosen = { handoffIds: raw.getAll('handoffIds').map(String), modelIds: raw.getAll('modelIds').map(String), tocNodeIds: raw.getAll('tocNodeIds').map(String) };
		const form = await parseForm(event.request, createActionSchema);
		if (!form.ok) return fail(400, { ...form.failure.data, chosen, form: 'convert' });
		if (!point || !area) return fail(400, { errors: { _form: 'Choose a learning point and an area first.' } as FieldErrors, values: form.values, chosen, form: 'convert' });
		let converted;
		try {
			converted = await convertLearningPoint(user, event.params.id, point, area, form.data);
		} catch (err) {
			const failure = failureFrom(event, err, form.values);
			return fail(failure.status, { ...failure.data, chosen, form: 'convert' });
		}
		redirect(303, `/app/hydra/exercises/${event.params.id}/learning?converted=${encodeURIComponent(converted.action.id)}#point-${encodeURIComponent(point)}`);
	}
};

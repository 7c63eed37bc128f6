import { requireRole } from '$lib/server/auth/guard';
import { parseForm, failureFrom } from '$lib/server/forms';
import {
	addInjectSchema,
	deleteInjectSchema,
	moveInjectSchema,
	signOffSchema,
	updateInjectSchema,
	updateScenarioSchema
} from '$lib/validators/hydra';
import {
	addInject,
	deleteInject,
	getScenario,
	moveInject,
	signOffScenario,
	updateInject,
	updateScenario
} from '$lib/server/hydra/scenarios';
import { keepLists } from '$lib/server/hydra/form-lists';
import { usableLive } from '$lib/domain/hydra';
import { signOffRefusal } from '$lib/domain/hydra/scenarios';
import { NotFoundError } from '$lib/server/errors';
import { error } from '@sveltejs/kit';

const staff = (event: Parameters<typeof requireRole>[0]) => requireRole(event, 'admin', 'consultant');

export async function load(event) {
	const user = staff(event);
	try {
		const found = await getScenario(user, event.params.id);
		// Whether this person could sign it off once every flagged item is confirmed: the same rule the verb applies.
		const refusal = signOffRefusal({ ...found.scenario, signerId: user.id, injectCount: found.injects.length, hitKeys: [], confirmedKeys: [] });
		return {
			...found,
			live: usableLive(found.scenario),
			signerRefusal: refusal?.reason === 'creator' || refusal?.reason === 'last_editor' ? refusal.message : null,
			created: event.url.searchParams.get('saved') === 'created'
		};
	} catch (err) {
		if (err instanceof NotFoundError) error(404, 'Not found');
		throw err;
	}
}

/** What a save tells the page: which part was saved, how many identifiers the check now finds, and a cleared sign-off. */
const saved = (what: string, result: { hits: unknown[]; signOffCleared: boolean }) => ({
	saved: what,
	hitCount: result.hits.length,
	signOffCleared: result.signOffCleared
});

export const actions = {
	update: async (event) => {
		const user = staff(event);
		const keep = await keepLists(event.request, ['targetModels']);
		const form = await parseForm(event.request, updateScenarioSchema);
		if (!form.ok) {
			keep(form.failure.data.values);
			return form.failure;
		}
		try {
			return saved('details', await updateScenario(user, event.params.id, form.data));
		} catch (err) {
			return failureFrom(event, err, keep(form.values));
		}
	},
	addInject: async (event) => {
		const user = staff(event);
		const keep = await keepLists(event.request, ['audience']);
		const form = await parseForm(event.request, addInjectSchema);
		if (!form.ok) {
			keep(form.failure.data.values);
			return form.failure;
		}
		try {
			return saved('inject-added', await addInject(user, event.params.id, form.data));
		} catch (err) {
			return failureFrom(event, err, keep(form.values));
		}
	},
	updateInject: async (event) => {
		const user = staff(event);
		const keep = await keepLists(event.request, ['audience']);
		const form = await parseForm(event.request, updateInjectSchema);
		if (!form.ok) {
			keep(form.failure.data.values);
			return form.failure;
		}
		const { injectId, ...input } = form.data;
		try {
			return saved('inject', await updateInject(user, event.params.id, injectId, input));
		} catch (err) {
			return failureFrom(event, err, keep(form.values));
		}
	},
	deleteInject: async (event) => {
		const user = staff(event);
		const form = await parseForm(event.request, deleteInjectSchema);
		if (!form.ok) return form.failure;
		try {
			return saved('inject-deleted', await deleteInject(user, event.params.id, form.data.injectId, form.data.version));
		} catch (err) {
			return failureFrom(event, err, form.values);
		}
	},
	moveInject: async (event) => {
		const user = staff(event);
		const form = await parseForm(event.request, moveInjectSchema);
		if (!form.ok) return form.failure;
		try {
			return saved('inject-moved', await moveInject(user, event.params.id, form.data.injectId, form.data.direction, form.data.version));
		} catch (err) {
			return failureFrom(event, err, form.values);
		}
	},
	signOff: async (event) => {
		const user = staff(event);
		const form = await parseForm(event.request, signOffSchema);
		if (!form.ok) return form.failure;
		try {
			await signOffScenario(user, event.params.id, form.data.version, form.data.confirmed);
			return { signedOff: true };
		} catch (err) {
			return failureFrom(event, err, form.values);
		}
	}
};

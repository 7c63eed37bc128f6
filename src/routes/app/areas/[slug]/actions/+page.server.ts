import { requireArea } from '$lib/server/auth/guard';
import { followTopics } from '$lib/server/realtime';
import { failureFrom, parseForm } from '$lib/server/forms';
import { actionChoices, listActions, setStatus } from '$lib/server/actions';
import { bulkStatusSchema } from '$lib/validators/actions';
import { ACTION_SORTS, ACTION_STATUSES, DUE_WINDOWS, RAGS, STATUS_LABELS } from '$lib/domain/actions';
import { areaRoleAtLeast } from '$lib/domain/roles';

const pick = <T extends string>(values: readonly T[], raw: string | null): T | undefined =>
	(values as readonly string[]).includes(raw ?? '') ? (raw as T) : undefined;

/** The list's filters and sort come from GET parameters, so a filtered list is a link and works without JavaScript. */
export async function load(event) {
	const context = await requireArea(event);
	followTopics(event, context.area.id, 'actions', 'map');
	const params = event.url.searchParams;
	const filters = {
		owner: params.get('owner') || undefined,
		status: pick(ACTION_STATUSES, params.get('status')),
		rag: pick(RAGS, params.get('rag')),
		due: pick(DUE_WINDOWS, params.get('due')),
		handoff: params.get('handoff') || undefined,
		sort: pick(ACTION_SORTS, params.get('sort')) ?? 'due',
		descending: params.get('dir') === 'desc'
	};
	const [list, choices] = await Promise.all([listActions(context, filters), actionChoices(context)]);
	return { ...list, filters, choices, canEdit: areaRoleAtLeast(context.role, 'editor') };
}

export const actions = {
	bulk: async (event) => {
		const context = await requireArea(event, 'editor');
		const form = await parseForm(event.request, bulkStatusSchema);
		if (!form.ok) return form.failure;
		try {
			const { changed } = await setStatus(context, form.data);
			return { message: `${changed} ${changed === 1 ? 'action' : 'actions'} moved to ${STATUS_LABELS[form.data.status]}.` };
		} catch (err) {
			return failureFrom(event, err, form.values);
		}
	}
};

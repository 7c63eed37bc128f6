import { requireArea } from '$lib/server/auth/guard';
import { followTopics } from '$lib/server/realtime';
import { listModels } from '$lib/server/models';
import { listRounds } from '$lib/server/models/surveys';
import { areaRoleAtLeast } from '$lib/domain/roles';

export async function load(event) {
	const context = await requireArea(event);
	followTopics(event, context.area.id, 'models', 'surveys');
	const [models, rounds] = await Promise.all([listModels(context), listRounds(context)]);
	return { models, rounds: rounds.slice(0, 3), canEdit: areaRoleAtLeast(context.role, 'editor') };
}

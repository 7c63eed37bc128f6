import { requireArea } from '$lib/server/auth/guard';
import { followTopics } from '$lib/server/realtime';
import { listRounds } from '$lib/server/models/surveys';
import { areaRoleAtLeast } from '$lib/domain/roles';

export async function load(event) {
	const context = await requireArea(event);
	followTopics(event, context.area.id, 'surveys');
	return { rounds: await listRounds(context), canEdit: areaRoleAtLeast(context.role, 'editor') };
}

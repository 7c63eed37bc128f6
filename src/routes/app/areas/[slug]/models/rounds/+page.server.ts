import { requireArea } from '$lib/server/auth/guard';
import { listRounds } from '$lib/server/models/surveys';
import { areaRoleAtLeast } from '$lib/domain/roles';

export async function load(event) {
	const context = await requireArea(event);
	return { rounds: await listRounds(context), canEdit: areaRoleAtLeast(context.role, 'editor') };
}

import { requireArea } from '$lib/server/auth/guard';
import { canManageMembers } from '$lib/domain/roles';
import { followTopics } from '$lib/server/realtime';

// Area navigation for the shell; pages and actions below call requireArea themselves.
export async function load(event) {
	const { area, role, user } = await requireArea(event);
	followTopics(event, area.id, 'area');
	return {
		area: { id: area.id, slug: area.slug, name: area.name, status: area.status },
		areaRole: role,
		canManageMembers: canManageMembers(user.role, role)
	};
}

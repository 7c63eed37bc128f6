import { requireRole } from '$lib/server/auth/guard';
import { listScenarios } from '$lib/server/hydra/scenarios';

export async function load(event) {
	const user = requireRole(event, 'admin', 'consultant');
	return { scenarios: await listScenarios(user) };
}

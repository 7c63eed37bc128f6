import { requireRole } from '$lib/server/auth/guard';
import { hydraHub } from '$lib/server/hydra/hub';

export async function load(event) {
	const user = requireRole(event, 'admin', 'consultant');
	return { hub: await hydraHub(user) };
}

import { requireRole } from '$lib/server/auth/guard';
import { listOwners, pipelineBoard } from '$lib/server/pipeline';
import { ownerAction } from '$lib/server/pipeline/owner-action';

export async function load(event) {
	const user = requireRole(event, 'admin', 'consultant');
	const [stages, owners] = await Promise.all([pipelineBoard(user), listOwners()]);
	return { stages, owners };
}

export const actions = {
	owner: ownerAction
};

import { requireUser } from '$lib/server/auth/guard';
import { listAreasFor } from '$lib/server/areas';
import { myActions } from '$lib/server/actions';

export async function load(event) {
	const user = requireUser(event);
	const [areas, actions] = await Promise.all([listAreasFor(user), myActions(user)]);
	return { areas, myActions: actions };
}

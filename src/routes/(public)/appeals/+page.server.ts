import { listAppeals } from '$lib/server/heroes';

export async function load() {
	return { appeals: await listAppeals() };
}

import { requireUser } from '$lib/server/auth/guard';

// Only for the shell; every page, action and endpoint below guards itself too.
export function load(event) {
	return { user: requireUser(event) };
}

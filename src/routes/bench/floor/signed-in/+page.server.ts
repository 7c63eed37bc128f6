// The floor page behind the session check: what a valid session (the hook's lookup and the guard) adds to a page.
import { requireBenchRoutes } from '$lib/server/bench';
import { requireUser } from '$lib/server/auth/guard';

export function load(event) {
	requireBenchRoutes();
	const user = requireUser(event);
	return { now: Date.now(), name: user.name };
}

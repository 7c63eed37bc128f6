// The least a server-rendered page of this build costs: a trivial load, no session asked for, not prerendered. The
// bench reports every signed-in page as a ratio to it (see src/lib/server/bench).
import { requireBenchRoutes } from '$lib/server/bench';

export function load() {
	requireBenchRoutes();
	return { now: Date.now() };
}

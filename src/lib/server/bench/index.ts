// The benchmark's floor pages (`npm run bench`): served only while BENCH_ROUTES is on, which the bench sets for the
// app it starts. Everywhere else they answer 404 like any address that does not exist.
import { error } from '@sveltejs/kit';

export function requireBenchRoutes() {
	if (process.env.BENCH_ROUTES !== 'on') error(404, 'Not found');
}

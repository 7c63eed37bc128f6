import { json } from '@sveltejs/kit';
import { isReady } from '$lib/server/db';
import { isShuttingDown } from '$lib/server/lifecycle';

/** Ready for traffic: the database answers, migrations are applied, and the process is not shutting down. */
export async function GET() {
	if (isShuttingDown()) return json({ status: 'shutting down' }, { status: 503 });
	if (!(await isReady())) return json({ status: 'database unavailable' }, { status: 503 });
	return json({ status: 'ready' });
}

// Downloads an area's backup file (see $lib/server/backup).
import { error } from '@sveltejs/kit';
import { requireRole } from '$lib/server/auth/guard';
import { exportArea } from '$lib/server/backup';
import { NotFoundError } from '$lib/server/errors';

export async function GET(event) {
	const admin = requireRole(event, 'admin');
	try {
		const backup = await exportArea(admin, event.params.slug);
		return new Response(JSON.stringify(backup, null, 2), {
			headers: {
				'content-type': 'application/json; charset=utf-8',
				'content-disposition': `attachment; filename="homeward-area-${event.params.slug}-${backup.exportedAt.slice(0, 10)}.json"`,
				'cache-control': 'no-store'
			}
		});
	} catch (err) {
		if (err instanceof NotFoundError) error(404, 'Not found');
		throw err;
	}
}

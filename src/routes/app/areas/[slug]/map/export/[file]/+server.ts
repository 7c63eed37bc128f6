import { error } from '@sveltejs/kit';
import { requireArea } from '$lib/server/auth/guard';
import { exportBlueprint, exportRows, toCsv, toXlsx } from '$lib/server/map/exchange';
import { CONNECTION_COLUMNS, ELEMENT_COLUMNS } from '$lib/domain/map/kumu';

const TYPES = {
	'map.xlsx': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
	'map.json': 'application/json; charset=utf-8',
	'elements.csv': 'text/csv; charset=utf-8',
	'connections.csv': 'text/csv; charset=utf-8'
} as const;

/** Downloads of the map in Kumu's formats, for anyone who can read the area. */
export async function GET(event) {
	const context = await requireArea(event);
	const file = event.params.file as keyof typeof TYPES;
	if (!(file in TYPES)) error(404, 'Not found');
	let body: string | Buffer;
	if (file === 'map.json') body = JSON.stringify(await exportBlueprint(context), null, 2);
	else {
		const rows = await exportRows(context);
		if (file === 'map.xlsx') body = await toXlsx(rows);
		else if (file === 'elements.csv') body = toCsv(rows.elements, ELEMENT_COLUMNS);
		else body = toCsv(rows.connections, CONNECTION_COLUMNS);
	}
	return new Response(body as BodyInit, {
		headers: {
			'content-type': TYPES[file],
			'content-disposition': `attachment; filename="${context.area.slug}-${file}"`,
			'cache-control': 'no-store'
		}
	});
}

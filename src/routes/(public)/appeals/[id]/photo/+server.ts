// An appeal's photo, from the database so that every instance serves it. Type fixed at upload by its first bytes.
import { error } from '@sveltejs/kit';
import { getAppealPhoto } from '$lib/server/heroes';

export async function GET({ params }) {
	const photo = await getAppealPhoto(params.id);
	if (!photo) error(404, 'Not found');
	return new Response(new Uint8Array(photo.bytes), {
		headers: {
			'content-type': photo.contentType,
			'content-length': String(photo.bytes.length),
			'x-content-type-options': 'nosniff',
			'content-disposition': 'inline',
			// Short, so that a removed appeal's photo leaves caches soon.
			'cache-control': 'public, max-age=300'
		}
	});
}

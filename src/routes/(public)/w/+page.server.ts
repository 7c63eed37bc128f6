// The way into a workshop room for someone who has the code but not the link: type it, go to the room.
import { redirect } from '@sveltejs/kit';
import { normaliseJoinCode } from '$lib/domain/join-code';

export function load({ url }) {
	const typed = url.searchParams.get('code');
	if (typed === null) return { typed: null };
	const code = normaliseJoinCode(typed.slice(0, 20));
	if (code) redirect(303, `/w/${code}`);
	return { typed: typed.slice(0, 20) };
}

// What the results page and the projector view load: a round's results, compared with the round the reader chose
// (by default the one before it), and its public link with a QR code.
import { error, type RequestEvent } from '@sveltejs/kit';
import { listRounds, roundResults, shareOf } from '$lib/server/models/surveys';
import { NotFoundError } from '$lib/server/errors';
import type { AreaContext } from '$lib/server/areas';

export async function loadResults(context: AreaContext, event: Pick<RequestEvent, 'params' | 'url'>) {
	const id = event.params.round ?? '';
	const rounds = await listRounds(context);
	const round = rounds.find((r) => r.id === id);
	if (!round) error(404, 'Not found');
	const asked = event.url.searchParams.get('compare');
	const previous = rounds.filter((r) => r.openedAt < round.openedAt)[0]?.id ?? null;
	const compareId = asked === 'none' ? null : asked && rounds.some((r) => r.id === asked && r.id !== id) ? asked : previous;
	try {
		const [results, share] = await Promise.all([roundResults(context, id, compareId), shareOf(round)]);
		return { results, share, compareChoice: asked === 'none' ? 'none' : (compareId ?? 'none') };
	} catch (err) {
		if (err instanceof NotFoundError) error(404, 'Not found');
		throw err;
	}
}

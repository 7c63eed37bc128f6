// The theory of change's layered layout, cached by what it depends on (steps' ids, kinds, titles and flags, and the
// links' ends) in the same cache as the map's layouts: an unchanged theory of change costs a hash.
import { layoutToc, type TocLayout, type TocLayoutInput } from '$lib/diagrams/toc';
import { digest, remember } from '$lib/server/map/layout';
import type { Toc } from './index';

export const FLAG_TEXT = { isolated: 'Not linked to any step', noIndicator: 'No indicator yet', noAction: 'No action yet' } as const;

/** The flags a step shows, in words (never colour alone). */
export function flagsOf(node: Toc['nodes'][number]): string[] {
	return (Object.keys(FLAG_TEXT) as (keyof typeof FLAG_TEXT)[]).filter((k) => node.flags[k]).map((k) => FLAG_TEXT[k]);
}

export function tocLayoutOf(toc: Toc): TocLayout {
	const input: TocLayoutInput = {
		nodes: toc.nodes.map((n) => ({ id: n.id, kind: n.kind, title: n.title, flags: flagsOf(n) })),
		links: toc.links.map((l) => ({ id: l.id, from: l.fromNodeId, to: l.toNodeId }))
	};
	return remember(`toc:${digest(input)}`, () => layoutToc(input));
}

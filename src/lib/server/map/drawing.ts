// The network as the server draws it for a browser that has not run Homeward's scripts (a first visit, or none at
// all). Drawing 300 actors and 900 handoffs is most of such a page's cost, and the same for every person who opens the
// same view of the same map; so it is rendered once per map version and view, and put into the page in place of its
// slot after SvelteKit has rendered the rest (see hooks.server.ts). The page's data does not carry the drawing: the
// browser fetches network.json, as it does on every later visit, and draws it afresh as it takes the page over.
import type { ComponentProps } from 'svelte';
import { render } from 'svelte/server';
import NetworkDiagram from '$lib/components/map/NetworkDiagram.svelte';
import { SERVER_DRAWING_SLOT } from '$lib/components/live/scripts-cookie';
import { networkTitle, shownOfDrawing, type ShownIds } from '$lib/domain/map/view';
import { addressWith } from '$lib/domain/navigation';
import type { MapRead } from './cache';
import { drawnNetworkOf } from './layout';

type DiagramProps = ComponentProps<typeof NetworkDiagram>;

export interface DrawingView {
	/** The page's address: its query says what is shown, open, compared and how it is dressed. */
	url: URL;
	areaName: string;
	canEdit: boolean;
	shown: ShownIds;
	selectedId: string | null;
	marks: NonNullable<DiagramProps['marks']>;
	decor: NonNullable<DiagramProps['decor']>;
}

// Views of one map version kept at once; a map's drawings go with its read when the map changes.
const VIEWS_PER_MAP = 8;
const encoder = new TextEncoder();

/** The network view's drawing, as HTML to put into the page in place of SERVER_DRAWING_SLOT. */
export function serverDrawing(read: MapRead, view: DrawingView): Uint8Array {
	const { drawn, pages } = drawnNetworkOf(read);
	// The address names everything the view shows (and the links use it), save what lives outside the map: the area's
	// name, the person's right to edit, a mental model's links and the snapshot compared with.
	const key = JSON.stringify([view.url.pathname, view.url.search, view.areaName, view.canEdit, view.decor.highlight, view.marks]);
	let html = pages.get(key);
	if (html) {
		// The most recently used view goes to the back of the queue to be dropped.
		pages.delete(key);
		pages.set(key, html);
	} else {
		const shown = shownOfDrawing(drawn, view.shown);
		const { body } = render(NetworkDiagram, {
			props: {
				layout: drawn.drawing,
				shown,
				selectedId: view.selectedId,
				marks: view.marks,
				canEdit: view.canEdit,
				versions: drawn.actorVersions,
				hrefFor: (id: string) => addressWith(view.url, 'actor', id),
				title: networkTitle(shown, view.areaName),
				decor: view.decor
			}
		});
		html = encoder.encode(body);
		pages.set(key, html);
		if (pages.size > VIEWS_PER_MAP) pages.delete(pages.keys().next().value!);
	}
	return html;
}

/**
 * The page with the drawing in place of its slot; the page unchanged when it has none (one the load did not expect,
 * such as an error's). The parts are sent as they are, not copied into one. SvelteKit's entity tag described the page
 * without the drawing, so it goes (pages under /app are not stored by browsers anyway).
 */
export async function withServerDrawing(response: Response, drawing: Uint8Array): Promise<Response> {
	const page = Buffer.from(await response.arrayBuffer());
	const at = page.indexOf(SERVER_DRAWING_SLOT);
	if (at < 0) return new Response(page, response);
	const parts = [page.subarray(0, at), drawing, page.subarray(at + SERVER_DRAWING_SLOT.length)];
	const headers = new Headers(response.headers);
	headers.delete('etag');
	headers.set('content-length', String(parts.reduce((n, part) => n + part.length, 0)));
	const body = new ReadableStream<Uint8Array>({
		start(controller) {
			for (const part of parts) controller.enqueue(part);
			controller.close();
		}
	});
	return new Response(body, { status: response.status, statusText: response.statusText, headers });
}

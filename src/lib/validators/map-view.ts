// The map's query parameters, the contract of a shareable or saved view: search, focus, mental model, size and colour.
// Each parameter is read on its own: a bad one is ignored (and named in a notice), never an error page.
import { z } from 'zod';
import { safeString } from './common';

export const SIZE_BY = ['betweenness', 'degree'] as const;
export const COLOUR_BY = ['sector', 'rating', 'stage'] as const;
export const FOLLOW = ['down', 'up'] as const;
export type SizeBy = (typeof SIZE_BY)[number];
export type ColourBy = (typeof COLOUR_BY)[number];
export type Follow = (typeof FOLLOW)[number];

const id = z.string().trim().regex(/^[A-Za-z0-9_-]{1,64}$/);

/** One schema per parameter, so that each is accepted or ignored independently. */
const PARAMS = {
	q: safeString().trim().min(1).max(100),
	focus: id,
	hops: z.enum(['1', '2']).transform((v) => Number(v) as 1 | 2),
	follow: z.enum(FOLLOW),
	model: id,
	size: z.enum(SIZE_BY),
	colour: z.enum(COLOUR_BY)
} as const;

export const VIEW_PARAMS = Object.keys(PARAMS) as (keyof typeof PARAMS)[];

export interface MapView {
	q: string | null;
	focus: string | null;
	hops: 1 | 2;
	/** From the focus, the journey onward (down) or what leads to it (up), stage by stage, instead of its neighbours. */
	follow: Follow | null;
	model: string | null;
	size: SizeBy | null;
	colour: ColourBy | null;
}

export const EMPTY_VIEW: MapView = { q: null, focus: null, hops: 1, follow: null, model: null, size: null, colour: null };

/** The view a query string asks for, and the parameters it ignored (with the value given) for a notice. */
export function parseMapView(params: URLSearchParams): { view: MapView; ignored: { name: string; value: string }[] } {
	const view: MapView = { ...EMPTY_VIEW };
	const ignored: { name: string; value: string }[] = [];
	for (const name of VIEW_PARAMS) {
		const raw = params.get(name);
		if (raw === null) continue;
		const parsed = PARAMS[name].safeParse(raw);
		if (!parsed.success) {
			// An empty search box is no search, not a mistake.
			if (!(name === 'q' && raw.trim() === '')) ignored.push({ name, value: raw.slice(0, 40) });
			continue;
		}
		(view as unknown as Record<string, unknown>)[name] = parsed.data;
	}
	// Hops and following mean nothing without an actor to start from.
	if (!view.focus) {
		view.hops = 1;
		view.follow = null;
	}
	return { view, ignored };
}

/** The query string of a view (without empty or default values), in a fixed order so equal views give equal URLs. */
export function mapViewQuery(view: MapView): URLSearchParams {
	const params = new URLSearchParams();
	if (view.q) params.set('q', view.q);
	if (view.focus) {
		params.set('focus', view.focus);
		if (view.follow) params.set('follow', view.follow);
		else if (view.hops !== 1) params.set('hops', String(view.hops));
	}
	if (view.model) params.set('model', view.model);
	if (view.size) params.set('size', view.size);
	if (view.colour) params.set('colour', view.colour);
	return params;
}

/** Saving a view: its name, the page it opens and the address's query (re-read and cleaned by the verb). */
export const saveViewSchema = z
	.object({
		name: safeString().trim().min(1, 'Enter a name for the view.').max(80, 'Keep the name to 80 characters.'),
		page: z.enum(['network', 'journey', 'table'], { message: 'Choose the network, the journey or the table.' }),
		query: safeString().max(1000, 'This view is too long to save.').default('')
	})
	.strict();

export const deleteViewSchema = z.object({ id: z.string().trim().min(1).max(64) }).strict();

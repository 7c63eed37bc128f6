// Saved views of an area's map: a name for an address (filter, focus, search, model, size, colour) on the network,
// journey or table. Editors save and remove them; everyone who can see the map sees and opens them.
import { and, asc, eq, sql } from 'drizzle-orm';
import { db } from '$lib/server/db';
import { PG, pgCode } from '$lib/server/db/errors';
import { mapViews, MAP_VIEW_PAGES } from '$lib/server/db/schema';
import { newId } from '$lib/server/ids';
import { audit } from '$lib/server/audit';
import { InputError, NotFoundError } from '$lib/server/errors';
import type { AreaContext, AreaScope } from '$lib/server/areas';
import { filterFromQuery, filterQuery } from '$lib/domain/map/filter';
import { mapViewQuery, parseMapView } from '$lib/validators/map-view';
import { assertEditor } from './index';

export type MapViewPage = (typeof MAP_VIEW_PAGES)[number];

/** The query a view keeps: only the parameters the map reads, valid ones only, in a fixed order. */
export function cleanViewQuery(query: string): string {
	const params = new URLSearchParams(query.replace(/^\?/, ''));
	const out = new URLSearchParams(filterQuery(filterFromQuery(params)));
	for (const [name, value] of mapViewQuery(parseMapView(params).view)) out.set(name, value);
	return out.toString();
}

/** The address a saved view opens. */
export function viewHref(slug: string, view: { page: MapViewPage; query: string }) {
	const path = view.page === 'network' ? '' : `/${view.page}`;
	return `/app/areas/${slug}/map${path}${view.query ? `?${view.query}` : ''}`;
}

export function listViews(context: AreaScope) {
	return db
		.select({ id: mapViews.id, name: mapViews.name, page: mapViews.page, query: mapViews.query, createdAt: mapViews.createdAt })
		.from(mapViews)
		.where(eq(mapViews.areaId, context.area.id))
		.orderBy(asc(sql`lower(${mapViews.name})`));
}

export async function saveView(context: AreaContext, input: { name: string; page: MapViewPage; query: string }) {
	assertEditor(context);
	const query = cleanViewQuery(input.query);
	const taken = `A view called "${input.name}" already exists. Choose another name.`;
	try {
		return await db.transaction(async (tx) => {
			const [view] = await tx
				.insert(mapViews)
				.values({ id: newId(), areaId: context.area.id, name: input.name, page: input.page, query, createdBy: context.user.id })
				.returning();
			await audit(tx, {
				actorId: context.user.id,
				areaId: context.area.id,
				entity: 'map_view',
				entityId: view.id,
				action: 'create',
				after: { name: view.name, page: view.page, query: view.query }
			});
			return view;
		});
	} catch (err) {
		if (pgCode(err) === PG.uniqueViolation) throw new InputError({ name: taken });
		throw err;
	}
}

export async function deleteView(context: AreaContext, id: string) {
	assertEditor(context);
	return db.transaction(async (tx) => {
		const [view] = await tx.delete(mapViews).where(and(eq(mapViews.areaId, context.area.id), eq(mapViews.id, id))).returning();
		if (!view) throw new NotFoundError('That view has already been removed.');
		await audit(tx, {
			actorId: context.user.id,
			areaId: context.area.id,
			entity: 'map_view',
			entityId: view.id,
			action: 'delete',
			before: { name: view.name, page: view.page, query: view.query }
		});
		return view;
	});
}

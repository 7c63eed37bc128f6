import { describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { db } from '$lib/server/db';
import { auditLog } from '$lib/server/db/schema';
import { cleanViewQuery, deleteView, listViews, saveView, viewHref } from '$lib/server/map/views';
import { changesSince } from '$lib/server/realtime';
import { InputError, NotFoundError } from '$lib/server/errors';
import type { AreaContext } from '$lib/server/areas';
import type { AreaRole } from '$lib/domain/roles';
import { useTestDatabase } from '../helpers/database';
import { addMember, makeArea, makeUser } from '../helpers/factories';

useTestDatabase();

async function contextFor(role: AreaRole, area?: Awaited<ReturnType<typeof makeArea>>): Promise<AreaContext> {
	const a = area ?? (await makeArea());
	const user = await makeUser('partner');
	await addMember(a.id, user.id, role);
	return { area: a, role, user };
}

describe('saved map views', () => {
	it('keeps only the parameters the map reads, valid ones, in a fixed order', () => {
		expect(cleanViewQuery('?colour=rating&evil=1&size=huge&focus=abc&hops=2&stage=during&q=police')).toBe(
			'stage=during&q=police&focus=abc&hops=2&colour=rating'
		);
		expect(cleanViewQuery('')).toBe('');
	});

	it('saves a view per area, lists it by name, opens it at the same address, audits it and tells the map’s followers', async () => {
		const editor = await contextFor('editor');
		const other = await contextFor('editor');
		const before = (await changesSince(editor.area.id, 0)).length;
		const view = await saveView(editor, { name: 'Police neighbours', page: 'table', query: 'focus=abc&hops=2&size=degree' });
		await saveView(editor, { name: 'all by rating', page: 'network', query: 'colour=rating' });
		expect((await listViews(editor)).map((v) => v.name)).toEqual(['all by rating', 'Police neighbours']);
		expect(await listViews(other)).toEqual([]);
		expect(viewHref(editor.area.slug, view)).toBe(`/app/areas/${editor.area.slug}/map/table?focus=abc&hops=2&size=degree`);

		const [row] = await db.select().from(auditLog).where(and(eq(auditLog.entity, 'map_view'), eq(auditLog.entityId, view.id)));
		expect(row).toMatchObject({ action: 'create', actorId: editor.user.id, areaId: editor.area.id });
		expect(row.after).toMatchObject({ name: 'Police neighbours', page: 'table' });
		const changes = await changesSince(editor.area.id, 0);
		expect(changes.length).toBe(before + 2);
		expect(changes.every((c) => c.topic === 'map')).toBe(true);

		// Another area may use the same name; this one may not, in any case.
		await saveView(other, { name: 'Police neighbours', page: 'network', query: '' });
		await expect(saveView(editor, { name: 'POLICE neighbours', page: 'network', query: '' })).rejects.toBeInstanceOf(InputError);
	});

	it('lets only editors save or remove, and never across areas', async () => {
		const editor = await contextFor('editor');
		const viewer = await contextFor('viewer', editor.area);
		const stranger = await contextFor('editor');
		await expect(saveView(viewer, { name: 'Mine', page: 'network', query: '' })).rejects.toBeInstanceOf(NotFoundError);
		const view = await saveView(editor, { name: 'Shared', page: 'journey', query: 'stage=after' });
		expect((await listViews(viewer)).map((v) => v.name)).toEqual(['Shared']);
		await expect(deleteView(viewer, view.id)).rejects.toBeInstanceOf(NotFoundError);
		await expect(deleteView(stranger, view.id)).rejects.toBeInstanceOf(NotFoundError);
		await deleteView(editor, view.id);
		expect(await listViews(editor)).toEqual([]);
		const [row] = await db.select().from(auditLog).where(and(eq(auditLog.entity, 'map_view'), eq(auditLog.action, 'delete')));
		expect(row.before).toMatchObject({ name: 'Shared', query: 'stage=after' });
	});
});

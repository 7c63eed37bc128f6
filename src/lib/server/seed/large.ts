// A large fictional area for the benchmarks: as big as the biggest engagement Homeward expects, and bigger.
import { eq } from 'drizzle-orm';
import { db } from '$lib/server/db';
import { actionLinks, actions, actionUpdates, areas, mapActors, mapHandoffs, memberships, users } from '$lib/server/db/schema';
import { ACTION_STATUSES, PRIORITIES } from '$lib/domain/actions';
import { newId } from '$lib/server/ids';
import { AUDIENCES, KINDS, PASSES, RATINGS, STAGES } from '$lib/domain/map/enums';
import { syntheticNetwork } from '$lib/diagrams/synthetic';
import type { MapData } from '$lib/domain/map/types';

export const LARGE_AREA_SLUG = 'bench-large';
export const LARGE_MAP = { actors: 300, handoffs: 900 };
export const LARGE_PLAN = { actions: 300 };

/** A full map of the given size, built on the same fixed network the layout tests use. */
export function syntheticMap(actors = LARGE_MAP.actors, handoffs = LARGE_MAP.handoffs): MapData {
	const network = syntheticNetwork(actors, handoffs);
	const pick = <T>(list: readonly T[], i: number) => list[i % list.length];
	const seen = new Set<string>();
	return {
		actors: network.nodes.map((n, i) => ({
			id: n.id,
			name: n.label,
			sector: n.sector,
			kind: pick(KINDS, i),
			description: '',
			audience: pick(AUDIENCES, i)
		})),
		handoffs: network.links
			.filter((l) => {
				const key = `${l.source}>${l.target}`;
				const fresh = !seen.has(key);
				seen.add(key);
				return fresh;
			})
			.map((l, i) => ({
				id: l.id,
				fromActorId: l.source,
				toActorId: l.target,
				label: `Handoff ${i}`,
				stage: pick(STAGES, i),
				passes: pick(PASSES, i),
				trigger: '',
				standard: i % 3 === 0 ? 'within 72 hours' : '',
				audience: pick(AUDIENCES, i * 7),
				rating: pick(RATINGS, i * 5),
				evidence: '',
				notes: '',
				isGap: i % 11 === 0
			}))
	};
}

/** Creates the large area with the demo consultant as lead, a 300-actor, 900-handoff map and 300 actions. */
export async function seedLargeArea(leadEmail = 'consultant@homeward.test') {
	const [lead] = await db.select({ id: users.id }).from(users).where(eq(users.email, leadEmail));
	if (!lead) throw new Error(`Seed the demo first: ${leadEmail} is missing.`);
	const areaId = newId();
	const map = syntheticMap();
	const ids = new Map(map.actors.map((a) => [a.id, newId()]));
	await db.transaction(async (tx) => {
		await tx.insert(areas).values({
			id: areaId,
			slug: LARGE_AREA_SLUG,
			name: 'Greater Bench Vale',
			policeForce: 'Bench Vale Constabulary',
			localAuthorities: 'Bench Vale City Council; Bench Vale County Council; Three Rivers Council',
			status: 'active',
			description: 'A fictional, deliberately large area used to measure Homeward under load.',
			createdBy: lead.id
		});
		await tx.insert(memberships).values({ areaId, userId: lead.id, role: 'lead' });
		await tx.insert(mapActors).values(map.actors.map((a) => ({ ...a, id: ids.get(a.id)!, areaId })));
		const handoffIds: string[] = [];
		for (let i = 0; i < map.handoffs.length; i += 300) {
			const rows = map.handoffs.slice(i, i + 300).map((h) => ({
				...h,
				id: newId(),
				areaId,
				fromActorId: ids.get(h.fromActorId)!,
				toActorId: ids.get(h.toActorId)!
			}));
			handoffIds.push(...rows.map((r) => r.id));
			await tx.insert(mapHandoffs).values(rows);
		}
		// Actions spread over statuses, priorities and due dates from three months ago to nine ahead, each linked to a
		// handoff and owned by an organisation, with a status change in their history.
		const actorIds = [...ids.values()];
		const day = 86_400_000;
		const plan = Array.from({ length: LARGE_PLAN.actions }, (_, i) => ({
			id: newId(),
			areaId,
			title: `Bench action ${i + 1}`,
			description: 'A fictional action for the benchmarks.',
			ownerActorId: actorIds[(i * 7) % actorIds.length],
			dueDate: new Date(Date.now() + ((i % 360) - 90) * day).toISOString().slice(0, 10),
			status: ACTION_STATUSES[i % ACTION_STATUSES.length],
			priority: PRIORITIES[i % PRIORITIES.length],
			createdBy: lead.id,
			createdAt: new Date(Date.now() - 120 * day)
		}));
		for (let i = 0; i < plan.length; i += 100) {
			const batch = plan.slice(i, i + 100);
			await tx.insert(actions).values(batch);
			await tx.insert(actionLinks).values(batch.map((a, j) => ({ id: newId(), areaId, actionId: a.id, handoffId: handoffIds[(i + j) * 3] })));
			await tx.insert(actionUpdates).values(
				batch
					.filter((a) => a.status !== 'not_started')
					.map((a, j) => ({
						id: newId(),
						areaId,
						actionId: a.id,
						authorId: lead.id,
						body: 'Progress noted at the partnership meeting.',
						statusFrom: 'not_started' as const,
						statusTo: a.status,
						createdAt: new Date(Date.now() - ((i + j) % 84) * day)
					}))
			);
		}
	});
	return { areaId, leadId: lead.id, actors: map.actors.length, handoffs: map.handoffs.length, actions: LARGE_PLAN.actions };
}

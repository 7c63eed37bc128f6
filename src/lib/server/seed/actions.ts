// Demo action plans: for each area, actions aimed at the handoffs its map rates broken or absent, in various states,
// some with updates. Due dates are relative to today so the RAG spread stays believable whenever the demo is seeded.
import { and, asc, eq, inArray } from 'drizzle-orm';
import type { Transaction } from '$lib/server/db';
import { actionLinks, actions, actionUpdates, mapHandoffs } from '$lib/server/db/schema';
import { newId } from '$lib/server/ids';
import { londonToday } from '$lib/domain/dates';
import { type ActionStatus, type Priority } from '$lib/domain/actions';

interface Plan {
	title: (handoff: string) => string;
	description: string;
	status: ActionStatus;
	priority: Priority;
	dueInDays: number | null;
	owned: boolean;
	updates: { body: string; statusTo?: ActionStatus; daysAgo: number }[];
}

const PLANS: Plan[] = [
	{
		title: (h) => `Agree a written standard for “${h}”`,
		description: 'Both sides sign off who sends what, by when, and who chases when it does not arrive.',
		status: 'in_progress',
		priority: 'high',
		dueInDays: -6,
		owned: true,
		updates: [
			{ body: 'First draft shared at the partnership meeting; comments due back by Friday.', statusTo: 'in_progress', daysAgo: 20 },
			{ body: 'Waiting on legal advice about what may be shared before consent is given.', daysAgo: 4 }
		]
	},
	{
		title: (h) => `Name a single contact for “${h}”`,
		description: 'A named role and a shared inbox instead of individual staff, so nothing waits on one person’s leave.',
		status: 'not_started',
		priority: 'medium',
		dueInDays: 9,
		owned: true,
		updates: []
	},
	{
		title: (h) => `Test “${h}” with three recent cases`,
		description: 'Walk three recent episodes through the handoff and note where it broke.',
		status: 'blocked',
		priority: 'high',
		dueInDays: 21,
		owned: false,
		updates: [{ body: 'Case records not yet released by the information governance team.', statusTo: 'blocked', daysAgo: 7 }]
	},
	{
		title: (h) => `Add “${h}” to the multi-agency training day`,
		description: 'A short session on the handoff, its trigger and its standard, for new starters in every partner.',
		status: 'done',
		priority: 'low',
		dueInDays: -14,
		owned: true,
		updates: [
			{ body: 'Slot booked on the spring training day.', statusTo: 'in_progress', daysAgo: 40 },
			{ body: 'Delivered to 34 staff; feedback forms collected.', statusTo: 'done', daysAgo: 16 }
		]
	},
	{
		title: (h) => `Name one contact in each partner for “${h}”`,
		description: 'A named person and a shared inbox in every organisation involved, kept on one list the partnership reviews.',
		status: 'done',
		priority: 'high',
		dueInDays: -35,
		owned: false,
		updates: [
			{ body: 'Asked every partner for a name at the partnership meeting.', statusTo: 'in_progress', daysAgo: 55 },
			{ body: 'List complete and circulated to all partners.', statusTo: 'done', daysAgo: 44 }
		]
	},
	{
		title: (h) => `Put the out-of-hours number for “${h}” in every partner's directory`,
		description: 'So that whoever is on shift can reach the right service at night and at weekends.',
		status: 'done',
		priority: 'medium',
		dueInDays: -4,
		owned: true,
		updates: [{ body: 'Added to the police control room directory and the council out-of-hours rota.', statusTo: 'done', daysAgo: 6 }]
	},
	{
		title: (h) => `Measure how often “${h}” happens on time`,
		description: 'Count for one quarter; report the share completed within the agreed standard.',
		status: 'in_progress',
		priority: 'medium',
		dueInDays: 45,
		owned: false,
		updates: [{ body: 'Data fields agreed with both performance teams.', statusTo: 'in_progress', daysAgo: 10 }]
	},
	{
		title: (h) => `Write a one-page guide to “${h}” for families`,
		description: 'Plain-language guide: what happens next, who will contact them, and how to raise a concern.',
		status: 'dropped',
		priority: 'low',
		dueInDays: 30,
		owned: false,
		updates: [{ body: 'Folded into the area-wide family leaflet instead.', statusTo: 'dropped', daysAgo: 3 }]
	}
];

const addDays = (date: string, days: number) => new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

/** Eight actions per area, linked to its broken and absent handoffs; `owners` maps an area id to the partner who owns some. */
export async function seedActions(tx: Transaction, areaIds: string[], owners: Record<string, string>, createdBy: string) {
	const today = londonToday();
	for (const areaId of areaIds) {
		const gaps = await tx
			.select()
			.from(mapHandoffs)
			.where(and(eq(mapHandoffs.areaId, areaId), inArray(mapHandoffs.rating, ['broken', 'absent'])))
			.orderBy(asc(mapHandoffs.stage), asc(mapHandoffs.label));
		if (gaps.length === 0) continue;
		for (const [index, plan] of PLANS.entries()) {
			const handoff = gaps[index % gaps.length];
			const id = newId();
			await tx.insert(actions).values({
				id,
				areaId,
				title: plan.title(handoff.label),
				description: plan.description,
				ownerActorId: handoff.fromActorId,
				ownerUserId: plan.owned ? (owners[areaId] ?? null) : null,
				dueDate: plan.dueInDays === null ? null : addDays(today, plan.dueInDays),
				status: plan.status,
				priority: plan.priority,
				createdBy,
				createdAt: new Date(Date.now() - 60 * 86_400_000),
				version: 1 + plan.updates.filter((u) => u.statusTo).length
			});
			await tx.insert(actionLinks).values({ id: newId(), areaId, actionId: id, handoffId: handoff.id });
			let status: ActionStatus = 'not_started';
			for (const update of plan.updates) {
				await tx.insert(actionUpdates).values({
					id: newId(),
					areaId,
					actionId: id,
					authorId: owners[areaId] ?? createdBy,
					body: update.body,
					statusFrom: update.statusTo ? status : null,
					statusTo: update.statusTo ?? null,
					createdAt: new Date(Date.now() - update.daysAgo * 86_400_000)
				});
				if (update.statusTo) status = update.statusTo;
			}
		}
	}
}

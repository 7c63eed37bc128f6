import { requireArea } from '$lib/server/auth/guard';
import { listRooms } from '$lib/server/rooms';
import { followTopics } from '$lib/server/realtime';
import { planModel, sectionsOf } from '$lib/server/plan/model';
import { planImages } from '$lib/server/plan/images';
import { issueVersion, planVersionsOf, recordSignoff } from '$lib/server/plan/versions';
import { found, runForm } from '$lib/server/toc/route';
import { areaRoleAtLeast } from '$lib/domain/roles';
import { londonToday } from '$lib/domain/dates';
import { issueSchema, signoffSchema } from '$lib/validators/plans';

/** The room whose record the plan carries (`?room=`), or none. */
const roomOf = (url: URL) => url.searchParams.get('room') || null;

/**
 * The whole plan as a web page, from the same model as the PDF; leads issue versions and record sign-offs here.
 * `?room=<id>` adds one of the area's workshop rooms' record, to the page, its PDF and a version issued from it.
 */
export async function load(event) {
	const context = await requireArea(event);
	const roomId = roomOf(event.url);
	followTopics(event, context.area.id, 'actions', 'map', 'toc', 'area', ...(roomId ? (['rooms', 'votes'] as const) : []));
	// A room of another area, or none: the same 404 as anything out of reach.
	const [model, versions, rooms] = await found(Promise.all([planModel(context, { roomId }), planVersionsOf(context), listRooms(context)]));
	const { network, journey, toc, figuresChart, ...rest } = model;
	return {
		plan: {
			...rest,
			network: { actors: network.actors, handoffRows: network.handoffRows },
			journey: { key: journey.key },
			toc: toc && { steps: toc.steps, links: toc.links, isolated: toc.isolated, indicators: toc.indicators }
		},
		sections: sectionsOf(model),
		rooms: rooms.map((r) => ({ id: r.id, title: r.title, startsAt: r.startsAt })),
		roomId,
		images: planImages(model),
		versions,
		isLead: areaRoleAtLeast(context.role, 'lead'),
		today: londonToday()
	};
}

export const actions = {
	issue: async (event) => {
		const context = await requireArea(event, 'lead');
		return runForm(event, 'issue', issueSchema, async (data) => ({ issued: (await issueVersion(context, new Date(), { roomId: data.room || null })).number }));
	},
	signoff: async (event) => {
		const context = await requireArea(event, 'lead');
		return runForm(event, 'signoff', signoffSchema, async (data) => ({ signed: (await recordSignoff(context, data, londonToday())).organisation }));
	}
};

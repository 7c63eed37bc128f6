import { requireArea } from '$lib/server/auth/guard';
import { followTopics } from '$lib/server/realtime';
import { planModel, sectionsOf } from '$lib/server/plan/model';
import { planImages } from '$lib/server/plan/images';
import { issueVersion, planVersionsOf, recordSignoff } from '$lib/server/plan/versions';
import { runForm } from '$lib/server/toc/route';
import { areaRoleAtLeast } from '$lib/domain/roles';
import { londonToday } from '$lib/domain/dates';
import { issueSchema, signoffSchema } from '$lib/validators/plans';

/** The whole plan as a web page, from the same model as the PDF; leads issue versions and record sign-offs here. */
export async function load(event) {
	const context = await requireArea(event);
	followTopics(event, context.area.id, 'actions', 'map', 'toc', 'area');
	const [model, versions] = await Promise.all([planModel(context), planVersionsOf(context)]);
	const { network, journey, toc, figuresChart, ...rest } = model;
	return {
		plan: {
			...rest,
			network: { actors: network.actors, handoffRows: network.handoffRows },
			journey: { key: journey.key },
			toc: toc && { steps: toc.steps, links: toc.links, isolated: toc.isolated, indicators: toc.indicators }
		},
		sections: sectionsOf(model),
		images: planImages(model),
		versions,
		isLead: areaRoleAtLeast(context.role, 'lead'),
		today: londonToday()
	};
}

export const actions = {
	issue: async (event) => {
		const context = await requireArea(event, 'lead');
		return runForm(event, 'issue', issueSchema, async () => ({ issued: (await issueVersion(context)).number }));
	},
	signoff: async (event) => {
		const context = await requireArea(event, 'lead');
		return runForm(event, 'signoff', signoffSchema, async (data) => ({ signed: (await recordSignoff(context, data, londonToday())).organisation }));
	}
};

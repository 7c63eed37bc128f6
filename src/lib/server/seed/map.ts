// Demo maps for Northbrook and Southmere: the template's actors and handoffs with each area's own ratings, evidence
// and extra actors, so the views have something real-looking to show. Fictional throughout.
import type { Transaction } from '$lib/server/db';
import { mapActors, mapHandoffs, mapSnapshots } from '$lib/server/db/schema';
import { newId } from '$lib/server/ids';
import { TEMPLATE_ACTORS, TEMPLATE_HANDOFFS, type TemplateActor, type TemplateHandoff } from '$lib/domain/map/template';
import type { Rating } from '$lib/domain/map/enums';
import type { MapData } from '$lib/domain/map/types';

interface AreaMap {
	extraActors: TemplateActor[];
	extraHandoffs: TemplateHandoff[];
	/** Rating, gap flag and evidence by handoff label; anything not named is rated working. */
	ratings: Record<string, { rating: Rating; isGap?: boolean; evidence?: string }>;
}

// In both areas adults have nothing after return: every adult handoff in that stage is absent.
const ADULTS_AFTER = {
	'Follow-up support for adults': { rating: 'absent' as const, isGap: true, evidence: 'No service is commissioned to offer it.' },
	'Discharge summary after crisis': { rating: 'absent' as const, isGap: true, evidence: 'GPs are not told of crisis contacts linked to a missing episode.' }
};

const NORTHBROOK: AreaMap = {
	extraActors: [
		{ name: 'Ashdale virtual school', sector: 'education', kind: 'team', audience: 'children', description: 'Education of children in care, including those placed out of area.' },
		{ name: 'Youth justice service', sector: 'other', kind: 'team', audience: 'children', description: '' }
	],
	extraHandoffs: [
		{ stage: 'after', from: 'Missing children officer', to: 'Ashdale virtual school', label: 'Missing episodes of children in care', passes: 'information', audience: 'children', standard: 'Within 5 working days', trigger: '', rating: 'patchy', isGap: false },
		{ stage: 'repeat', from: 'Youth justice service', to: 'Exploitation (MACE) panel', label: 'Referral of a child at risk of criminal exploitation', passes: 'referral', audience: 'children', standard: 'Before the next panel', trigger: 'Arrest while missing', rating: 'working', isGap: false }
	],
	ratings: {
		...ADULTS_AFTER,
		'Interview findings': { rating: 'broken', isGap: true, evidence: 'Findings reach the social worker in about 1 in 3 cases; they are never collated.' },
		'Interview findings (police copy)': { rating: 'absent', isGap: true, evidence: 'Police have no copy of any return interview this year.' },
		'Exploitation intelligence': { rating: 'broken', evidence: 'Panel minutes rarely mention return interviews.' },
		'Return home interview': { rating: 'patchy', evidence: '58% offered within 72 hours.' },
		'Philomena Protocol form (foster care)': { rating: 'patchy' },
		'Missing adult notification': { rating: 'broken', evidence: 'No agreed route; depends on the officer.' },
		'Adults missing repeatedly': { rating: 'absent', isGap: true },
		'Risk review': { rating: 'patchy', evidence: 'Inspection found children graded low risk despite exploitation markers.' }
	}
};

const SOUTHMERE: AreaMap = {
	extraActors: [
		{ name: 'Kestrel Bay hospital ward managers', sector: 'health', kind: 'role', audience: 'adults', description: '' },
		{ name: 'Lowland search and rescue', sector: 'voluntary', kind: 'organisation', audience: 'both', description: '' },
		{ name: "Alzheimer's support group", sector: 'voluntary', kind: 'organisation', audience: 'adults', description: '' }
	],
	extraHandoffs: [
		{ stage: 'during', from: 'Kestrel Bay hospital ward managers', to: 'Police call handler', label: 'Patient absent without leave', passes: 'information', audience: 'adults', standard: 'Immediately', trigger: '', rating: 'broken', isGap: true },
		{ stage: 'during', from: 'Missing persons unit', to: 'Lowland search and rescue', label: 'Search request', passes: 'information', audience: 'both', standard: 'Within 1 hour of request', trigger: 'High risk, open land', rating: 'working', isGap: false },
		{ stage: 'before', from: "Alzheimer's support group", to: 'Families and carers', label: 'Herbert Protocol promotion', passes: 'form', audience: 'adults', standard: '', trigger: '', rating: 'patchy', isGap: false }
	],
	ratings: {
		...ADULTS_AFTER,
		'Missing patient notification': { rating: 'broken', isGap: true, evidence: 'Wards and police dispute who leads; reports come hours late.' },
		'Agreed missing-patient policy': { rating: 'absent', isGap: true, evidence: 'The policy lapsed in 2023 and was not renewed.' },
		'Missing adult notification': { rating: 'absent', isGap: true },
		'Return of missing patient': { rating: 'patchy' },
		'Adults missing repeatedly': { rating: 'broken', evidence: 'Referrals happen only after serious harm.' },
		'Return home interview': { rating: 'working', evidence: '84% offered within 72 hours.' },
		'Interview findings': { rating: 'patchy' }
	}
};

function build(areaId: string, spec: AreaMap, makeId: () => string = newId) {
	const actors = [...TEMPLATE_ACTORS, ...spec.extraActors].map((a) => ({ id: makeId(), areaId, ...a }));
	const idOf = new Map(actors.map((a) => [a.name, a.id]));
	const handoffs = [...TEMPLATE_HANDOFFS, ...spec.extraHandoffs].map(({ from, to, ...h }) => {
		const rated = spec.ratings[h.label];
		const extra = spec.extraHandoffs.some((x) => x.label === h.label);
		return {
			id: makeId(),
			areaId,
			fromActorId: idOf.get(from)!,
			toActorId: idOf.get(to)!,
			...h,
			rating: rated?.rating ?? (extra ? h.rating : 'working'),
			isGap: rated?.isGap ?? h.isGap,
			evidence: rated?.evidence ?? '',
			notes: ''
		};
	});
	return { actors, handoffs };
}

/** A demo area's map as data, with ids from `makeId`: layout tests check the picture the demo shows. */
export function demoMap(slug: 'northbrook' | 'southmere', makeId: () => string): MapData {
	const { actors, handoffs } = build('demo', slug === 'northbrook' ? NORTHBROOK : SOUTHMERE, makeId);
	return { actors: actors.map(({ areaId: _, ...a }) => a), handoffs: handoffs.map(({ areaId: _, ...h }) => h) };
}

export async function seedMaps(tx: Transaction, areaIds: Record<string, string>, createdBy: string) {
	for (const [slug, spec] of [
		['northbrook', NORTHBROOK],
		['southmere', SOUTHMERE]
	] as const) {
		const { actors, handoffs } = build(areaIds[slug], spec);
		await tx.insert(mapActors).values(actors);
		await tx.insert(mapHandoffs).values(handoffs);
		if (slug === 'northbrook') {
			// A first snapshot, taken before two handoffs were re-rated, so the comparison has something to show.
			const data: MapData = {
				actors: actors.filter((a) => a.name !== 'Youth justice service').map(({ areaId: _, ...a }) => a),
				handoffs: handoffs
					.filter((h) => h.label !== 'Referral of a child at risk of criminal exploitation')
					.map(({ areaId: _, ...h }) => (h.label === 'Return home interview' ? { ...h, rating: 'broken' as const } : h))
			};
			await tx.insert(mapSnapshots).values({ id: newId(), areaId: areaIds[slug], name: 'As is (workshop 1)', data, createdBy });
		}
	}
}

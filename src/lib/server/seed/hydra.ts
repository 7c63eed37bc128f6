// Demo content for Hydra training: one complete, fictional scenario (written by one consultant, signed off by the
// other), scheduled sessions and a request from the public page. No real person's details.
import type { Transaction } from '$lib/server/db';
import { hydraEvents, hydraInjects, hydraRequests, hydraScenarios } from '$lib/server/db/schema';
import { newId } from '$lib/server/ids';
import { londonDate, londonInstant } from '$lib/domain/slots';
import type { HydraSector } from '$lib/domain/hydra';

/** The demo scenario's title: how tests and other capabilities find it. */
export const DEMO_SCENARIO_TITLE = 'Fourth time this month: missing from a placement';
/** The demo's listed session with places (the public page offers it). */
export const DEMO_EVENT_TITLE = 'Hydra: children missing from care';

export const DEMO_SCENARIO = {
	title: DEMO_SCENARIO_TITLE,
	summary:
		'A composite case. A young person placed in a children’s home far from their family goes missing again and again. Each agency holds part of the picture; the exercise asks whether anyone puts it together before the next episode.',
	learningObjectives: [
		'Grade risk on everything known, including exploitation intelligence, not on the latest episode alone',
		'Share the Philomena Protocol information and the missing notification promptly across the county border',
		'Offer an independent return interview within 72 hours and collate what it finds',
		'Recognise the pattern of repeat episodes and escalate to a strategy meeting'
	].join('\n'),
	targetModels: ['episode', 'police'] as ('episode' | 'police')[],
	ageBand: '12_15' as const,
	circumstances:
		'Lives in a children’s home two counties from home after a placement broke down. Attends a new school, irregularly. Older contacts met online; recently has new clothes and a second phone. Called Jay in the scenario: an invented name.'
};

export const DEMO_INJECTS: {
	scenarioTime: string;
	title: string;
	content: string;
	audience: HydraSector[];
	facilitatorNotes: string;
	prompts: string;
}[] = [
	{
		scenarioTime: 'Day 1, 22:40',
		title: 'The home calls the police',
		content:
			'Staff at the children’s home report that Jay has not come back from school. It is the fourth time this month. They have a Philomena Protocol form, but it was last updated before the placement began.',
		audience: [],
		facilitatorNotes: 'Let syndicates ask what the form says; release the sighting at 01:15 whatever they decide.',
		prompts: 'What else do you need to know, and from whom?\nHow do you grade the risk, and why?'
	},
	{
		scenarioTime: 'Day 1, 23:30',
		title: 'Risk review',
		content:
			'The call handler graded the report as medium risk. The duty inspector reviews it. Police systems hold an intelligence note from the placing county about older contacts, but it is not linked to the missing record.',
		audience: ['police'],
		facilitatorNotes: 'The intelligence note is the turning point: does anyone find it, and does it change the grade?',
		prompts: 'Does the intelligence change the risk grade?\nWho in the placing county do you contact, and when?'
	},
	{
		scenarioTime: 'Day 2, 01:15',
		title: 'A sighting',
		content:
			'A taxi driver reports dropping a young person matching the description at a flat above a takeaway in the town centre. The exploitation team has the flat on its list of addresses of concern.',
		audience: ['police', 'childrens_services'],
		facilitatorNotes: 'Children’s services see this only if police share it: note whether syndicates ask.',
		prompts: 'What do you do tonight?\nWho do you tell, and what do you tell them?'
	},
	{
		scenarioTime: 'Day 2, 09:15',
		title: 'The missing notification arrives',
		content:
			'Children’s services receive the missing notification from the police. The school’s designated safeguarding lead adds that Jay has missed twelve sessions this half term and was seen being collected by a car after school last week.',
		audience: ['childrens_services', 'education'],
		facilitatorNotes: 'The school has not been told about any previous episode.',
		prompts: 'Who shares what with the school?\nDoes this change the plan for the placement?'
	},
	{
		scenarioTime: 'Day 2, 14:00',
		title: 'Found',
		content:
			'Jay is found at a railway station two towns away with a new phone and cash, and says they were with friends. Police carry out a safe and well check and return Jay to the home.',
		audience: [],
		facilitatorNotes: 'Watch for syndicates treating the case as closed now that Jay is found (the episode, not the journey).',
		prompts: 'Is your part done?\nWhat happens in the next 72 hours, and who makes it happen?'
	},
	{
		scenarioTime: 'Day 3, 10:00',
		title: 'Return interview',
		content:
			'The return interview provider is asked to see Jay within 72 hours. Jay agrees to talk to the independent worker but not to the social worker, and mentions a party where older people gave them vapes.',
		audience: ['childrens_services', 'voluntary'],
		facilitatorNotes: 'Findings often stop with the provider: do syndicates say where they go?',
		prompts: 'Who receives the findings?\nHow are they collated with the earlier episodes?'
	},
	{
		scenarioTime: 'Day 10, 16:00',
		title: 'Third episode in thirty days: strategy meeting',
		content:
			'A further episode makes three in thirty days, the local threshold for a strategy meeting. The meeting brings together police, children’s services, health and the school. The GP has seen Jay for an injury that Jay could not explain.',
		audience: ['multi_agency', 'police', 'childrens_services', 'health', 'education'],
		facilitatorNotes: 'Close on the whole journey: what would have prevented this episode?',
		prompts: 'What does each agency bring to the meeting?\nWhat will be different before the next episode?'
	}
];

/** A day some weeks ahead at a London time, so the demo always has sessions to come. */
function ahead(now: Date, days: number, time: string) {
	return londonInstant(londonDate(new Date(now.getTime() + days * 86_400_000)), time);
}

export async function seedHydra(
	tx: Transaction,
	people: { casey: string; morgan: string },
	areaId: string,
	now = new Date()
) {
	const scenarioId = newId();
	// Written by Casey, then read and signed off by Morgan.
	await tx.insert(hydraScenarios).values({
		id: scenarioId,
		...DEMO_SCENARIO,
		createdBy: people.casey,
		updatedBy: people.casey,
		signedOffBy: people.morgan,
		signedOffAt: now
	});
	await tx
		.insert(hydraInjects)
		.values(DEMO_INJECTS.map((inject, i) => ({ id: newId(), scenarioId, position: i + 1, ...inject })));

	const listedId = newId();
	await tx.insert(hydraEvents).values([
		{
			id: listedId,
			title: DEMO_EVENT_TITLE,
			startsAt: ahead(now, 28, '09:30'),
			endsAt: ahead(now, 28, '16:00'),
			place: 'Ashdale Conference Centre, Ashdale',
			capacity: 30,
			listed: true,
			createdBy: people.casey
		},
		{
			id: newId(),
			title: 'Hydra: adults missing from health settings',
			startsAt: ahead(now, 49, '10:00'),
			endsAt: ahead(now, 49, '15:30'),
			place: 'Kestrel Bay Civic Hall, Kestrel Bay',
			capacity: 24,
			listed: true,
			createdBy: people.morgan
		},
		{
			id: newId(),
			title: 'Northbrook partners’ Hydra day',
			startsAt: ahead(now, 35, '09:00'),
			endsAt: ahead(now, 35, '13:00'),
			place: 'Northbrook Police Training Centre',
			capacity: 20,
			areaId,
			listed: false,
			createdBy: people.casey
		}
	]);
	await tx.insert(hydraRequests).values({
		id: newId(),
		kind: 'place',
		eventId: listedId,
		name: 'Robin Example',
		organisation: 'Fenwick Vale Academy',
		organisationType: 'education',
		email: 'robin.example@fenwick-academy.test',
		message: 'Our designated safeguarding lead would like to attend with a colleague from pastoral care.'
	});
}

// Demo content for live Hydra exercises: one short, fictional, composite scenario signed off as anonymised, and an
// exercise set up from it, ready for syndicates to join. The library's complete demo scenario is seeded beside it.
import type { Transaction } from '$lib/server/db';
import { hydraExercises, hydraInjects, hydraScenarios } from '$lib/server/db/schema';
import { newId, newJoinCode } from '$lib/server/ids';
import type { HydraSector } from '$lib/domain/hydra';

export const LIVE_DEMO_SCENARIO = 'Missing from a children’s home at night (short live demo)';

const INJECTS: { scenarioTime: string; title: string; content: string; audience: HydraSector[]; facilitatorNotes: string; prompts: string }[] = [
	{
		scenarioTime: 'Day 1, 22:40',
		title: 'The home reports them missing',
		content:
			'Staff at a children’s home call the police: a young person aged 12 to 15 has not come back from the shop. It is the third time this month. Staff say they have been seen getting into cars with older men.',
		audience: [],
		facilitatorNotes: 'Listen for how each syndicate grades the risk, and whether the earlier episodes change it.',
		prompts: 'What risk grade do you give, and why?\nWho do you tell tonight?'
	},
	{
		scenarioTime: 'Day 1, 23:55',
		title: 'Exploitation intelligence',
		content: 'A local intelligence report links the car seen outside the home to an address known for county lines activity.',
		audience: ['police'],
		facilitatorNotes: 'Police only. Does the new intelligence reach children’s services tonight, or only in the morning?',
		prompts: 'Does this change your risk grade?\nWho else needs to know, and when?'
	},
	{
		scenarioTime: 'Day 2, 08:30',
		title: 'No return interviews on file',
		content: 'The allocated social worker finds that neither of the earlier episodes this month led to a return home interview.',
		audience: ['childrens_services', 'education'],
		facilitatorNotes: 'Children’s services and education only. Watch for the link between missed interviews and unseen patterns.',
		prompts: 'What do you do about the missed interviews?\nWho calls a strategy meeting?'
	},
	{
		scenarioTime: 'Day 2, 15:10',
		title: 'Found in another town',
		content: 'Officers find the young person at a railway station forty miles away, tired and hungry, with a new phone.',
		audience: [],
		facilitatorNotes: 'Everyone. The debrief compares who plans the return interview and who follows up the new phone.',
		prompts: 'Who carries out the safe and well check?\nWho offers the return interview, and by when?'
	}
];

export const CLOCK_DRILL_SCENARIO = 'Missing after school (clock drill, injects seconds apart)';

/** A drill for running on the clock: every inject goes to all syndicates, a few seconds of room time apart. */
const DRILL: { releaseOffset: number; scenarioTime: string; title: string; content: string; prompts: string }[] = [
	{
		releaseOffset: 3,
		scenarioTime: 'Day 1, 16:30',
		title: 'Not home from school',
		content: 'A parent calls: their child, aged 12 to 15, left school at 15:20 and has not come home. Their phone goes to voicemail.',
		prompts: 'What do you ask the parent first?'
	},
	{
		releaseOffset: 7,
		scenarioTime: 'Day 1, 18:05',
		title: 'Seen at the bus station',
		content: 'A school friend says they saw the young person at the bus station with two older teenagers nobody knows.',
		prompts: 'Does this change the risk grade?'
	},
	{
		releaseOffset: 12,
		scenarioTime: 'Day 1, 21:40',
		title: 'A message from an unknown number',
		content: 'The parent receives a text from an unknown number: the young person is “fine” and “staying at a friend’s”.',
		prompts: 'Who checks the number, and who tells the parent what happens next?'
	}
];

type ScenarioText = Pick<typeof hydraScenarios.$inferInsert, 'title' | 'summary' | 'learningObjectives' | 'targetModels' | 'circumstances'>;
type InjectText = Omit<typeof hydraInjects.$inferInsert, 'id' | 'scenarioId' | 'position'>;

/** A 12-to-15 scenario written by `author`, signed off as anonymised by `signer`, with its injects in order. */
async function signedOffScenario(tx: Transaction, people: { author: string; signer: string }, scenario: ScenarioText, injects: InjectText[]) {
	const scenarioId = newId();
	await tx.insert(hydraScenarios).values({
		id: scenarioId,
		ageBand: '12_15',
		...scenario,
		createdBy: people.author,
		updatedBy: people.author,
		signedOffBy: people.signer,
		signedOffAt: new Date()
	});
	await tx.insert(hydraInjects).values(injects.map((inject, i) => ({ id: newId(), scenarioId, position: i + 1, ...inject })));
	return scenarioId;
}

export async function seedHydraLive(tx: Transaction, people: { author: string; signer: string }) {
	const scenarioId = await signedOffScenario(
		tx,
		people,
		{
			title: LIVE_DEMO_SCENARIO,
			summary: 'A young person in residential care goes missing again at night; intelligence points to exploitation. A composite of common patterns, not a real case.',
			learningObjectives: 'Grade risk on the whole pattern, not the single episode.\nShare exploitation intelligence across agencies the same night.\nMake return interviews happen and use what they find.',
			targetModels: ['episode', 'police'],
			circumstances: 'Lives in a children’s home; several recent missing episodes; concerns about older adults and cars.'
		},
		INJECTS
	);
	await signedOffScenario(
		tx,
		people,
		{
			title: CLOCK_DRILL_SCENARIO,
			summary: 'A short drill for running an exercise on the clock: three injects a few seconds apart. A composite, not a real case.',
			learningObjectives: 'Grade risk as information arrives.\nAgree who acts on each new piece of information.',
			targetModels: ['episode'],
			circumstances: 'Lives at home with a parent; no earlier missing episodes.'
		},
		DRILL.map((inject) => ({ audience: [], facilitatorNotes: '', ...inject }))
	);
	await tx.insert(hydraExercises).values({
		id: newId(),
		scenarioId,
		title: 'Demo: live exercise',
		joinCode: newJoinCode(),
		facilitatorId: people.author
	});
}

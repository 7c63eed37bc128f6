// The scenario library's rules: which text of a scenario is checked for identifiers, and who may sign it off as
// anonymised. Pure: the server module applies them inside its transactions.
import { checkFields, type CheckedField, type FieldHit } from './identifiers';

export interface ScenarioText {
	title: string;
	summary: string;
	learningObjectives: string;
	circumstances: string;
}

export interface InjectText {
	id: string;
	scenarioTime: string;
	title: string;
	content: string;
	facilitatorNotes: string;
	prompts: string;
	/** Optional in older data (the demo seed's injects do not all carry one). */
	expectedResponse?: string;
}

const SCENARIO_FIELDS: [keyof ScenarioText, string][] = [
	['title', 'Title'],
	['summary', 'Summary'],
	['learningObjectives', 'Learning objectives'],
	['circumstances', 'Circumstances']
];

const INJECT_FIELDS: [keyof Omit<InjectText, 'id'>, string][] = [
	['scenarioTime', 'scenario time'],
	['title', 'title'],
	['content', 'content'],
	['facilitatorNotes', 'facilitator notes'],
	['prompts', 'decision prompts'],
	['expectedResponse', 'expected response']
];

/** Every piece of text in a scenario and its injects (in timeline order), named so a person can find it. */
export function scenarioFields(scenario: ScenarioText, injects: InjectText[]): CheckedField[] {
	return [
		...SCENARIO_FIELDS.map(([key, label]) => ({ field: key, label, text: scenario[key] })),
		...injects.flatMap((inject, i) =>
			INJECT_FIELDS.map(([key, label]) => ({
				field: `inject:${inject.id}:${key}`,
				label: `Inject ${i + 1} (${inject.scenarioTime}): ${label}`,
				text: inject[key] ?? ''
			}))
		)
	];
}

/** The likely identifiers in a scenario, each with where it is. */
export function scenarioHits(scenario: ScenarioText, injects: InjectText[]): FieldHit[] {
	return checkFields(scenarioFields(scenario, injects));
}

export interface SignOffFacts {
	signerId: string;
	createdBy: string | null;
	updatedBy: string | null;
	signedOffAt: Date | null;
	injectCount: number;
	/** Keys of the identifier hits found now. */
	hitKeys: string[];
	/** Keys the signer confirmed are not about a real person. */
	confirmedKeys: string[];
}

export type SignOffRefusal =
	| { reason: 'signed_off'; message: string }
	| { reason: 'creator' | 'last_editor' | 'no_injects'; message: string }
	| { reason: 'unconfirmed'; message: string; unconfirmed: string[] };

/**
 * Why a person may not sign a scenario off as anonymised, or null when they may: a second person (neither its author
 * nor whoever changed it last) who has confirmed every flagged item is not about a real person.
 */
export function signOffRefusal(facts: SignOffFacts): SignOffRefusal | null {
	if (facts.signedOffAt) return { reason: 'signed_off', message: 'This scenario is already signed off.' };
	if (facts.createdBy === facts.signerId)
		return { reason: 'creator', message: 'You wrote this scenario, so a second consultant must sign it off.' };
	if (facts.updatedBy === facts.signerId)
		return { reason: 'last_editor', message: 'You made the latest change, so a second consultant must check it and sign it off.' };
	if (facts.injectCount === 0) return { reason: 'no_injects', message: 'Add at least one inject before signing the scenario off.' };
	const confirmed = new Set(facts.confirmedKeys);
	const unconfirmed = facts.hitKeys.filter((key) => !confirmed.has(key));
	if (unconfirmed.length > 0) {
		const n = unconfirmed.length;
		return {
			reason: 'unconfirmed',
			message: `Confirm each flagged item is not about a real person, or change the text first: ${n} ${n === 1 ? 'item is' : 'items are'} not confirmed.`,
			unconfirmed
		};
	}
	return null;
}

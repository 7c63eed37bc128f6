// The map's vocabularies: sectors, journey stages, ratings, kinds of actor, audiences and what a handoff passes.

export const SECTORS = [
	'police',
	'childrens_services',
	'adult_services',
	'health',
	'mental_health',
	'education',
	'housing',
	'care_provider',
	'multi_agency',
	'voluntary',
	'family_community',
	'person',
	'other'
] as const;
export type Sector = (typeof SECTORS)[number];

export const SECTOR_LABELS: Record<Sector, string> = {
	police: 'Police',
	childrens_services: "Children's services",
	adult_services: 'Adult services',
	health: 'Health',
	mental_health: 'Mental health',
	education: 'Education',
	housing: 'Housing',
	care_provider: 'Care provider',
	multi_agency: 'Multi-agency forum',
	voluntary: 'Voluntary',
	family_community: 'Family or community',
	person: 'The person who goes missing',
	other: 'Other'
};

/** Short text drawn inside each node, so a sector never rests on colour or shape alone. */
export const SECTOR_ABBREVIATIONS: Record<Sector, string> = {
	police: 'Po',
	childrens_services: 'CS',
	adult_services: 'AS',
	health: 'He',
	mental_health: 'MH',
	education: 'Ed',
	housing: 'Ho',
	care_provider: 'CP',
	multi_agency: 'MA',
	voluntary: 'Vo',
	family_community: 'Fa',
	person: 'Pe',
	other: 'Ot'
};

export const STAGES = ['before', 'during', 'return', 'after', 'repeat'] as const;
export type Stage = (typeof STAGES)[number];

export const STAGE_LABELS: Record<Stage, string> = {
	before: 'Before',
	during: 'During',
	return: 'Return',
	after: 'After',
	repeat: 'Repeat'
};

export const STAGE_DESCRIPTIONS: Record<Stage, string> = {
	before: 'Prevention and underlying causes',
	during: 'The episode: report, risk assessment, search',
	return: 'Found, safe and well check, return interview',
	after: 'Recovery, support, addressing causes',
	repeat: 'Patterns across episodes, escalation'
};

export const RATINGS = ['working', 'patchy', 'broken', 'absent'] as const;
export type Rating = (typeof RATINGS)[number];

export const RATING_LABELS: Record<Rating, string> = {
	working: 'Working',
	patchy: 'Patchy',
	broken: 'Broken',
	absent: 'Absent (should exist but does not)'
};

/** One word each, for badges and tight table cells. */
export const RATING_SHORT: Record<Rating, string> = {
	working: 'Working',
	patchy: 'Patchy',
	broken: 'Broken',
	absent: 'Absent'
};

export const KINDS = ['organisation', 'team', 'role'] as const;
export type Kind = (typeof KINDS)[number];

export const KIND_LABELS: Record<Kind, string> = {
	organisation: 'Organisation',
	team: 'Team',
	role: 'Role'
};

export const AUDIENCES = ['children', 'adults', 'both'] as const;
export type Audience = (typeof AUDIENCES)[number];

export const AUDIENCE_LABELS: Record<Audience, string> = {
	children: 'Children',
	adults: 'Adults',
	both: 'Children and adults'
};

export const PASSES = ['information', 'referral', 'person', 'form'] as const;
export type Passes = (typeof PASSES)[number];

export const PASSES_LABELS: Record<Passes, string> = {
	information: 'Information',
	referral: 'Referral',
	person: 'The person',
	form: 'A form'
};

export const options = <T extends string>(values: readonly T[], labels: Record<T, string>) =>
	values.map((value) => ({ value, label: labels[value] }));

/** Whether something for `audience` serves the group asked for (`both` serves either). */
export function serves(audience: Audience, group: 'children' | 'adults'): boolean {
	return audience === 'both' || audience === group;
}

/** Reads a code or its label (any case) back into the code, for imports written by people. */
export function codeFrom<T extends string>(
	values: readonly T[],
	labels: Record<T, string>,
	input: string
): T | null {
	const text = input.trim().toLowerCase();
	if (!text) return null;
	for (const value of values) {
		if (value === text || labels[value].toLowerCase() === text) return value;
	}
	return null;
}

// The typical actors and handoffs of a local area (DOMAIN.md), which a facilitator starts a map from and then edits.
import type { Audience, Kind, Passes, Rating, Sector, Stage } from './enums';

export interface TemplateActor {
	name: string;
	sector: Sector;
	kind: Kind;
	audience: Audience;
	description: string;
}

export interface TemplateHandoff {
	from: string;
	to: string;
	label: string;
	stage: Stage;
	passes: Passes;
	audience: Audience;
	standard: string;
	trigger: string;
	rating: Rating;
	isGap: boolean;
}

const actor = (name: string, sector: Sector, kind: Kind, audience: Audience, description = ''): TemplateActor => ({
	name,
	sector,
	kind,
	audience,
	description
});

export const TEMPLATE_ACTORS: TemplateActor[] = [
	actor('Police call handler', 'police', 'role', 'both', 'Takes the missing report and the first risk assessment.'),
	actor('Response officer', 'police', 'role', 'both', 'Attends, searches and carries out safe and well checks.'),
	actor('Duty inspector', 'police', 'role', 'both', 'Reviews the risk grading.'),
	actor('Missing persons unit', 'police', 'team', 'both', 'Coordinates missing investigations and repeat cases.'),
	actor('CID', 'police', 'team', 'both', 'Investigates when a missing case suggests crime.'),
	actor('MASH police', 'police', 'team', 'children', 'Police officers in the multi-agency safeguarding hub.'),
	actor("Children's social care MASH", 'childrens_services', 'team', 'children', 'Front door for concerns about children.'),
	actor('Social worker', 'childrens_services', 'role', 'children'),
	actor('Independent reviewing officer', 'childrens_services', 'role', 'children', 'Reviews the care plans of children in care.'),
	actor('Missing children officer', 'childrens_services', 'role', 'children', 'Tracks children missing from home and care.'),
	actor('Return interview provider', 'childrens_services', 'organisation', 'children', 'Offers independent return home interviews.'),
	actor('Complex safeguarding team', 'childrens_services', 'team', 'children', 'Works with children at risk of exploitation.'),
	actor('Adult social care safeguarding', 'adult_services', 'team', 'adults'),
	actor('Housing options', 'housing', 'team', 'both'),
	actor("Children's homes", 'care_provider', 'organisation', 'children'),
	actor('Foster carers', 'care_provider', 'role', 'children'),
	actor('Adult care homes', 'care_provider', 'organisation', 'adults'),
	actor('A&E', 'health', 'team', 'both'),
	actor('GP', 'health', 'role', 'both'),
	actor('ICB safeguarding lead', 'health', 'role', 'both'),
	actor('Mental health inpatient ward', 'mental_health', 'team', 'adults'),
	actor('Liaison and crisis team', 'mental_health', 'team', 'both'),
	actor('CAMHS', 'mental_health', 'team', 'children'),
	actor('School safeguarding lead', 'education', 'role', 'children'),
	actor('Exploitation (MACE) panel', 'multi_agency', 'team', 'children'),
	actor('Safeguarding adults board', 'multi_agency', 'organisation', 'adults'),
	actor('Strategic missing group', 'multi_agency', 'team', 'both'),
	actor('Missing persons charity helpline', 'voluntary', 'organisation', 'both', 'Helpline, text service and publicity appeals.'),
	actor('Families and carers', 'family_community', 'role', 'both'),
	actor('The person who goes missing', 'person', 'role', 'both')
];

const handoff = (
	stage: Stage,
	from: string,
	to: string,
	label: string,
	passes: Passes,
	audience: Audience,
	standard = '',
	trigger = '',
	rating: Rating = 'patchy',
	isGap = false
): TemplateHandoff => ({ stage, from, to, label, passes, audience, standard, trigger, rating, isGap });

export const TEMPLATE_HANDOFFS: TemplateHandoff[] = [
	handoff('before', "Children's homes", 'Missing persons unit', 'Philomena Protocol form', 'form', 'children', 'Kept current; shared when missing', 'Child placed in care'),
	handoff('before', 'Foster carers', 'Missing persons unit', 'Philomena Protocol form (foster care)', 'form', 'children', 'Kept current; shared when missing', 'Child placed in foster care'),
	handoff('before', 'Adult care homes', 'Missing persons unit', 'Herbert Protocol form', 'form', 'adults', 'Handed over on report', 'Resident living with dementia'),
	handoff('before', 'Families and carers', 'Missing persons unit', 'Herbert Protocol form (family)', 'form', 'adults', 'Handed over on report'),
	handoff('before', 'Mental health inpatient ward', 'Missing persons unit', 'Agreed missing-patient policy', 'information', 'adults', 'Mental Health Act Code of Practice'),
	handoff('before', 'School safeguarding lead', "Children's social care MASH", 'Concern about unexplained absence', 'referral', 'children', 'Same day', 'Pattern of absence'),
	handoff('before', 'GP', 'Adult social care safeguarding', 'Safeguarding concern', 'referral', 'adults', 'Same day'),
	handoff('during', 'Families and carers', 'Police call handler', 'Missing report', 'information', 'both', 'Immediate; risk reviewed continually'),
	handoff('during', "Children's homes", 'Police call handler', 'Missing report from placement', 'information', 'children', 'Immediate'),
	handoff('during', 'Police call handler', 'Response officer', 'Initial risk assessment', 'information', 'both', 'Immediate'),
	handoff('during', 'Response officer', 'Duty inspector', 'Risk review', 'information', 'both', 'As soon as practicable'),
	handoff('during', 'Mental health inpatient ward', 'Police call handler', 'Missing patient notification', 'information', 'adults', 'Immediately if vulnerable or detained under Part III'),
	handoff('during', 'Missing persons unit', "Children's social care MASH", 'Missing notification', 'information', 'children', 'Within 24 hours (local protocol)'),
	handoff('during', 'Missing persons unit', 'Adult social care safeguarding', 'Missing adult notification', 'information', 'adults', 'Within 24 hours'),
	handoff('during', 'Missing persons unit', 'Missing persons charity helpline', 'Publicity appeal and text-safe message', 'information', 'both', 'On request'),
	handoff('during', 'Duty inspector', 'CID', 'Escalation to investigation', 'referral', 'both', 'When crime is suspected'),
	handoff('return', 'Response officer', 'The person who goes missing', 'Safe and well check', 'information', 'both', 'On return'),
	handoff('return', "Children's social care MASH", 'Return interview provider', 'Return home interview request', 'referral', 'children', 'Same day as return'),
	handoff('return', 'Return interview provider', 'The person who goes missing', 'Return home interview', 'information', 'children', 'Offered within 72 hours, independent'),
	handoff('return', 'Return interview provider', 'Social worker', 'Interview findings', 'information', 'children', 'Shared and collated'),
	handoff('return', 'Return interview provider', 'Missing persons unit', 'Interview findings (police copy)', 'information', 'children', 'Shared and collated'),
	handoff('return', 'Return interview provider', 'Exploitation (MACE) panel', 'Exploitation intelligence', 'information', 'children', 'Before the next panel'),
	handoff('return', 'A&E', 'Liaison and crisis team', 'Found person presenting at A&E', 'person', 'both', 'Within 1 hour'),
	handoff('return', 'Response officer', 'Mental health inpatient ward', 'Return of missing patient', 'person', 'adults', 'On return'),
	handoff('after', 'Social worker', 'CAMHS', 'Referral for emotional support', 'referral', 'children', 'Within 4 weeks'),
	handoff('after', 'Social worker', 'Independent reviewing officer', 'Missing episodes in care review', 'information', 'children', 'At each review'),
	handoff('after', 'Missing children officer', 'School safeguarding lead', 'Return to school plan', 'information', 'children', 'Before the child returns to school'),
	handoff('after', 'Adult social care safeguarding', 'The person who goes missing', 'Follow-up support for adults', 'information', 'adults', 'Offered after every episode', '', 'absent', true),
	handoff('after', 'Liaison and crisis team', 'GP', 'Discharge summary after crisis', 'information', 'adults', 'Within 48 hours'),
	handoff('repeat', 'Missing persons unit', 'Exploitation (MACE) panel', 'Repeat missing referral', 'referral', 'children', 'Three episodes in 90 days'),
	handoff('repeat', 'Missing children officer', 'Strategic missing group', 'Repeat missing data', 'information', 'children', 'Monthly'),
	handoff('repeat', 'Missing persons unit', 'Safeguarding adults board', 'Adults missing repeatedly', 'referral', 'adults', 'Three episodes in 90 days'),
	handoff('repeat', 'Exploitation (MACE) panel', 'Complex safeguarding team', 'Exploitation plan', 'referral', 'children', 'Within 5 working days'),
	handoff('repeat', 'Complex safeguarding team', 'Social worker', 'Strategy meeting outcome', 'information', 'children', 'Within 2 working days'),
	handoff('repeat', 'ICB safeguarding lead', 'Strategic missing group', 'Health data on repeat attendances', 'information', 'both', 'Quarterly')
];

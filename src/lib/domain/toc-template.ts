// The programme's logic as a starting theory of change: inputs fund three activities (mapping workshops, Hydra
// training, shared protocols), which shift the three professional mental models, which bring shared responsibility
// and whole-journey, person-centred support, which mean fewer repeat episodes and less harm. Areas edit it freely.
import type { TocKind } from './toc';

export interface TemplateNode {
	key: string;
	kind: TocKind;
	title: string;
	description: string;
}

export interface TemplateLink {
	from: string;
	to: string;
	rationale: string;
	assumptions: string;
}

export const TEMPLATE_NODES: TemplateNode[] = [
	{
		key: 'impact',
		kind: 'impact',
		title: 'People who go missing are safe, supported and less likely to go missing again',
		description: 'Children and adults who go missing again and again get help with what drives it, from every organisation that meets them.'
	},
	{ key: 'fewer-repeats', kind: 'long_term_outcome', title: 'Fewer repeat missing episodes', description: 'Fewer children and adults go missing a second, third or tenth time.' },
	{ key: 'less-harm', kind: 'long_term_outcome', title: 'Less harm while missing and after', description: 'Fewer people come to harm while away, and those who do are helped to recover.' },
	{
		key: 'shared-responsibility',
		kind: 'intermediate_outcome',
		title: 'Shared responsibility across organisations',
		description: 'Police, council, NHS, schools and voluntary partners each own their part of prevention and support.'
	},
	{
		key: 'person-centred',
		kind: 'intermediate_outcome',
		title: 'Whole-journey, person-centred support for children and adults',
		description: 'Support starts before an episode and carries on after the return, for adults as well as children.'
	},
	{
		key: 'model-journey',
		kind: 'short_term_outcome',
		title: 'Missing is seen as a whole journey, not an episode',
		description: 'Professionals look at what happened before and after, not only the hours someone was away.'
	},
	{
		key: 'model-shared',
		kind: 'short_term_outcome',
		title: 'Missing is seen as everyone’s job, not only the police’s',
		description: 'Partners stop treating a missing report as a police matter alone.'
	},
	{
		key: 'model-adults',
		kind: 'short_term_outcome',
		title: 'Adults are seen to need follow-up too',
		description: 'Adults who return are offered a conversation and support, as children are.'
	},
	{ key: 'shared-map', kind: 'output', title: 'A shared map of the local system and its gaps', description: 'Who does what, which handoffs fail and why.' },
	{ key: 'trained-staff', kind: 'output', title: 'Staff from every partner trained together', description: 'Mixed syndicates from each organisation have worked live cases side by side.' },
	{ key: 'agreed-protocols', kind: 'output', title: 'Agreed protocols with named owners', description: 'Each handoff has a standard, an owner and a way to check it happens.' },
	{ key: 'mapping', kind: 'activity', title: 'Mapping workshops', description: 'Partners map actors, handoffs and the assumptions that hold the system in place.' },
	{ key: 'hydra', kind: 'activity', title: 'Hydra training', description: 'Immersive simulations built on anonymised real cases, with a candid debrief.' },
	{ key: 'protocols', kind: 'activity', title: 'Shared protocols', description: 'Partners write and sign the protocols the map shows are missing.' },
	{ key: 'consultancy', kind: 'input', title: 'Consultancy team and the programme’s methods', description: 'Facilitators, Hydra scenarios and the mapping toolkit.' },
	{ key: 'partner-time', kind: 'input', title: 'Partners’ time and senior sponsorship', description: 'Staff released for workshops and training; a sponsor in each organisation.' },
	{ key: 'local-data', kind: 'input', title: 'Local missing data and return interview findings', description: 'Quarterly figures and collated interview findings, shared across partners.' }
];

const link = (from: string, to: string, rationale: string, assumptions: string): TemplateLink => ({ from, to, rationale, assumptions });

export const TEMPLATE_LINKS: TemplateLink[] = [
	link('consultancy', 'mapping', 'The team facilitates the workshops and brings the mapping method.', 'Partners agree to an outside facilitator.'),
	link('consultancy', 'hydra', 'Hydra scenarios and control rooms are run by the programme.', 'Scenarios are anonymised and signed off in time.'),
	link('partner-time', 'mapping', 'The people who do the work are the ones who can map it.', 'Front-line staff are released to attend.'),
	link('partner-time', 'hydra', 'Training only shifts practice when every partner sends people.', 'Each partner fills its syndicate places.'),
	link('partner-time', 'protocols', 'Protocols need someone with authority in each organisation to sign them.', 'Sponsors stay in post long enough to sign.'),
	link('local-data', 'mapping', 'Figures show where the repeat episodes cluster.', 'Data can be shared lawfully between partners.'),
	link('local-data', 'protocols', 'Interview findings show which handoffs fail most.', 'Return interview findings are collated at all.'),
	link('mapping', 'shared-map', 'Workshops produce the map directly.', 'Partners are candid about what does not work.'),
	link('hydra', 'trained-staff', 'Each simulation trains a mixed group of staff.', 'Attendance holds up across partners.'),
	link('protocols', 'agreed-protocols', 'Drafting leads to signed protocols.', 'Legal and information governance advice arrives in time.'),
	link('shared-map', 'model-journey', 'Seeing the whole journey on one page shows what happens before and after an episode.', 'The map is used after the workshop, not filed.'),
	link('shared-map', 'model-shared', 'The map shows how many organisations touch one person’s journey.', 'Every sector took part in the mapping.'),
	link('trained-staff', 'model-journey', 'Live cases unfold over days, not hours, in the simulation.', 'Debriefs are candid and anonymous.'),
	link('trained-staff', 'model-shared', 'Working a case together shows each partner’s part in it.', 'Syndicates are mixed across agencies.'),
	link('trained-staff', 'model-adults', 'Adult scenarios show the harm that follows when no one follows up.', 'Scenarios include adults, not only children.'),
	link('agreed-protocols', 'model-shared', 'A protocol with named owners makes the shared job concrete.', 'Owners have time to carry out their part.'),
	link('agreed-protocols', 'shared-responsibility', 'Protocols written into each organisation’s procedures spread the work directly.', 'Protocols are reviewed when staff change.'),
	link('model-journey', 'person-centred', 'Those who see the whole journey plan support before and after it.', 'Services exist to refer people to.'),
	link('model-shared', 'shared-responsibility', 'Partners who see the job as theirs take on their part.', 'Leaders back staff who take it on.'),
	link('model-adults', 'person-centred', 'Adults are offered follow-up once staff see the need.', 'Adult services have capacity to respond.'),
	link('shared-responsibility', 'fewer-repeats', 'Causes are tackled by the organisation best placed to tackle them.', 'Partners keep funding their part.'),
	link('shared-responsibility', 'less-harm', 'Exploitation and risk are spotted by more eyes, sooner.', 'Information is shared quickly enough to act on.'),
	link('person-centred', 'fewer-repeats', 'Support that addresses why someone left makes leaving again less likely.', 'People accept the support offered.'),
	link('person-centred', 'less-harm', 'Follow-up finds harm that would otherwise stay hidden.', 'People disclose harm to someone they trust.'),
	link('fewer-repeats', 'impact', 'Each episode avoided is a risk of harm avoided.', 'Fewer reports reflect fewer episodes, not fewer reports made.'),
	link('less-harm', 'impact', 'Safety and recovery are what the programme is for.', 'Harm is recorded consistently enough to see change.')
];

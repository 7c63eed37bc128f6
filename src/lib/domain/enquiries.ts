// Partner enquiries: who can ask to become a partner area, and where an enquiry stands in the consultants' pipeline.

export const ORGANISATION_TYPES = ['police', 'council', 'nhs', 'school'] as const;
export type OrganisationType = (typeof ORGANISATION_TYPES)[number];

export const ORGANISATION_TYPE_LABELS: Record<OrganisationType, string> = {
	police: 'Police force',
	council: 'Council (local authority)',
	nhs: 'NHS organisation',
	school: 'School or college'
};

/** What an enquiry is about: working with us as an area, or Hydra training for an organisation's teams. */
export const ENQUIRY_TOPICS = ['partnership', 'hydra'] as const;
export type EnquiryTopic = (typeof ENQUIRY_TOPICS)[number];

export const ENQUIRY_TOPIC_LABELS: Record<EnquiryTopic, string> = {
	partnership: 'Becoming a partner area',
	hydra: 'Hydra training for our teams'
};

export const ENQUIRY_STATUSES = ['new', 'contacted', 'closed'] as const;
export type EnquiryStatus = (typeof ENQUIRY_STATUSES)[number];

export const ENQUIRY_STATUS_LABELS: Record<EnquiryStatus, string> = {
	new: 'New',
	contacted: 'Contacted',
	closed: 'Closed'
};

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

/**
 * Where an enquiry stands as it moves along the pipeline: new and contacted are set by hand; offered, booked, prospect
 * and partner follow what happened (a consultation offered, booked through the offer, a prospect area started, that
 * area become a partner area); closed ends it.
 */
export const ENQUIRY_STATUSES = ['new', 'contacted', 'offered', 'booked', 'prospect', 'partner', 'closed'] as const;
export type EnquiryStatus = (typeof ENQUIRY_STATUSES)[number];

export const ENQUIRY_STATUS_LABELS: Record<EnquiryStatus, string> = {
	new: 'New',
	contacted: 'Contacted',
	offered: 'Consultation offered',
	booked: 'Consultation booked',
	prospect: 'Prospect area',
	partner: 'Partner area',
	closed: 'Closed'
};

/** The statuses staff set by hand; the others follow from the pipeline's own steps. */
export const MANUAL_ENQUIRY_STATUSES = ['new', 'contacted', 'closed'] as const satisfies readonly EnquiryStatus[];
export type ManualEnquiryStatus = (typeof MANUAL_ENQUIRY_STATUSES)[number];

/** An enquiry that has become an area follows that area: its status is no longer set by hand. */
export function statusFollowsArea(status: EnquiryStatus) {
	return status === 'prospect' || status === 'partner';
}

/** The booking page's organisation kinds are broader than the enquiry form's: the one each enquiry kind maps to. */
export const BOOKING_TYPE_OF: Record<OrganisationType, 'police' | 'local_authority' | 'nhs' | 'education'> = {
	police: 'police',
	council: 'local_authority',
	nhs: 'nhs',
	school: 'education'
};

import { z } from 'zod';
import { ENQUIRY_TOPICS, MANUAL_ENQUIRY_STATUSES, ORGANISATION_TYPES } from '$lib/domain/enquiries';
import { email, optionalText, requiredLines, requiredText, safeString, version } from './common';
import { honeypot } from './heroes';

export const enquirySchema = z
	.object({
		topic: z.enum(ENQUIRY_TOPICS, { message: 'Choose what you would like to talk about.' }),
		organisationType: z.enum(ORGANISATION_TYPES, { message: 'Choose the kind of organisation you work for.' }),
		organisation: requiredText('your organisation', 160),
		name: requiredText('your name', 120),
		email,
		phone: optionalText('your phone number', 40),
		place: optionalText('the area you cover', 160),
		message: requiredLines('a few words about what you would like to do', 4000),
		website: honeypot
	})
	.strict();

export const enquiryStatusSchema = z
	.object({
		enquiryId: safeString().min(1).max(64),
		status: z.enum(MANUAL_ENQUIRY_STATUSES, { message: 'Choose New, Contacted or Closed.' }),
		version
	})
	.strict();

const enquiryId = safeString().min(1).max(64);

export const offerConsultationSchema = z.object({ enquiryId, version }).strict();

export const prospectAreaSchema = z
	.object({
		enquiryId,
		version,
		name: requiredText('the area name', 120),
		policeForce: requiredText('the police force', 160),
		localAuthorities: optionalText('the local authorities', 400)
	})
	.strict();

export const pipelineOwnerSchema = z
	.object({
		kind: z.enum(['enquiry', 'area'], { message: 'Choose what to give an owner.' }),
		id: safeString().min(1).max(64),
		// Empty: nobody owns it.
		ownerId: safeString().max(64),
		version
	})
	.strict();

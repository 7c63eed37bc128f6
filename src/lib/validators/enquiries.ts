import { z } from 'zod';
import { ENQUIRY_STATUSES, ENQUIRY_TOPICS, ORGANISATION_TYPES } from '$lib/domain/enquiries';
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
		status: z.enum(ENQUIRY_STATUSES, { message: 'Choose a status.' }),
		version
	})
	.strict();

import { z } from 'zod';
import { requiredText, safeString } from './common';
import { requiredDate } from './toc';

/** Issuing a version presses a button; the plan carries the workshop record shown on the page, if any. */
export const issueSchema = z.object({ room: safeString().trim().max(64).optional().default('') }).strict();

export const signoffSchema = z
	.object({
		versionId: safeString().min(1, 'Choose a version.').max(64),
		organisation: requiredText('the organisation', 200),
		name: requiredText('the name of the person who signed', 120),
		role: requiredText('their role', 120),
		signedOn: requiredDate('the date they signed')
	})
	.strict();

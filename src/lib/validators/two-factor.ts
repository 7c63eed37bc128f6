import { z } from 'zod';
import { safeString } from './common';

const code = safeString()
	.trim()
	.transform((v) => v.replace(/\s/g, ''))
	.pipe(safeString().regex(/^\d{6}$/, 'Enter the 6-digit code from your authenticator app.'));

export const totpSchema = z.object({ code, next: z.string().max(2000).optional() }).strict();

export const enrolSchema = z
	.object({ code, key: safeString().min(16).max(64), next: z.string().max(2000).optional() })
	.strict();

export const recoverySchema = z
	.object({
		code: safeString().trim().min(1, 'Enter one of your recovery codes.').max(40, 'Recovery codes are 10 characters.'),
		next: z.string().max(2000).optional()
	})
	.strict();

import { z } from 'zod';

const code = z
	.string()
	.trim()
	.transform((v) => v.replace(/\s/g, ''))
	.pipe(z.string().regex(/^\d{6}$/, 'Enter the 6-digit code from your authenticator app.'));

export const totpSchema = z.object({ code, next: z.string().max(2000).optional() }).strict();

export const enrolSchema = z
	.object({ code, key: z.string().min(16).max(64), next: z.string().max(2000).optional() })
	.strict();

export const recoverySchema = z
	.object({
		code: z.string().trim().min(1, 'Enter one of your recovery codes.').max(40, 'Recovery codes are 10 characters.'),
		next: z.string().max(2000).optional()
	})
	.strict();

import { z } from 'zod';
import { email, newPassword, optionalText, requiredText } from './common';

export const signInSchema = z
	.object({
		email,
		password: z.string().min(1, 'Enter your password.').max(256, 'Passwords are at most 256 characters.'),
		next: z.string().max(2000).optional()
	})
	.strict();

const confirmed = {
	check: (v: { password: string; confirmPassword: string }) => v.password === v.confirmPassword,
	params: { path: ['confirmPassword'], message: 'The two passwords do not match.' }
};

export const acceptInvitationSchema = z
	.object({
		name: requiredText('your name', 120),
		organisation: optionalText('your organisation', 160),
		password: newPassword,
		confirmPassword: z.string()
	})
	.strict()
	.refine(confirmed.check, confirmed.params);

export const resetRequestSchema = z.object({ email }).strict();

export const resetPasswordSchema = z
	.object({ password: newPassword, confirmPassword: z.string() })
	.strict()
	.refine(confirmed.check, confirmed.params);

export const changePasswordSchema = z
	.object({
		currentPassword: z.string().min(1, 'Enter your current password.').max(256),
		password: newPassword,
		confirmPassword: z.string()
	})
	.strict()
	.refine(confirmed.check, confirmed.params);

import { z } from 'zod';
import { email } from './common';

export const inviteConsultantSchema = z
	.object({ email, role: z.enum(['consultant', 'admin'], { message: 'Choose a role.' }) })
	.strict();

export const userIdSchema = z.object({ userId: z.string().min(1).max(64) }).strict();

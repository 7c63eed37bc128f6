import { z } from 'zod';
import { choice, email, safeString, version } from './common';
import { GLOBAL_ROLES } from '$lib/domain/roles';

export const inviteConsultantSchema = z
	.object({ email, role: z.enum(['consultant', 'admin'], { message: 'Choose a role.' }) })
	.strict();

export const userIdSchema = z.object({ userId: safeString().min(1).max(64) }).strict();

export const changeRoleSchema = z
	.object({
		userId: safeString().min(1).max(64),
		role: choice(GLOBAL_ROLES, 'Choose a role.'),
		version
	})
	.strict();

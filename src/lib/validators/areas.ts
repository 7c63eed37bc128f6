import { z } from 'zod';
import { AREA_ROLES, AREA_STATUSES } from '$lib/domain/roles';
import { choice, email, optionalLines, optionalText, requiredText, safeString, version } from './common';

export const slug = safeString()
	.trim()
	.toLowerCase()
	.min(3, 'Use at least 3 characters for the web address.')
	.max(48, 'Use at most 48 characters for the web address.')
	.regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'Use lower-case letters, numbers and single hyphens, e.g. north-vale.');

const areaFields = {
	name: requiredText('the area name', 120),
	policeForce: requiredText('the police force', 160),
	localAuthorities: optionalText('the local authorities', 400),
	status: choice(AREA_STATUSES, 'Choose a status.'),
	description: optionalLines('the description', 4000)
};

export const createAreaSchema = z.object({ ...areaFields, slug }).strict();

export const updateAreaSchema = z.object({ ...areaFields, planSummary: optionalLines('what this plan will change', 4000), version }).strict();

export const inviteMemberSchema = z
	.object({ email, role: choice(AREA_ROLES, 'Choose what this person can do in the area.') })
	.strict();

export const memberRoleSchema = z
	.object({ userId: safeString().min(1).max(64), role: choice(AREA_ROLES, 'Choose a role.') })
	.strict();

export const memberRemoveSchema = z.object({ userId: safeString().min(1).max(64) }).strict();

import { describe, expect, it } from 'vitest';
import { areaRoleAtLeast, canManageMembers, effectiveAreaRole, isStaff } from '$lib/domain/roles';

describe('area roles', () => {
	it('ranks viewer < editor < lead', () => {
		expect(areaRoleAtLeast('lead', 'editor')).toBe(true);
		expect(areaRoleAtLeast('editor', 'editor')).toBe(true);
		expect(areaRoleAtLeast('viewer', 'editor')).toBe(false);
		expect(areaRoleAtLeast('editor', 'lead')).toBe(false);
	});

	it('treats admins as lead everywhere and others by membership only', () => {
		expect(effectiveAreaRole('admin', null)).toBe('lead');
		expect(effectiveAreaRole('consultant', null)).toBeNull();
		expect(effectiveAreaRole('partner', 'viewer')).toBe('viewer');
	});

	it('lets only staff who lead an area manage its members', () => {
		expect(canManageMembers('consultant', 'lead')).toBe(true);
		expect(canManageMembers('consultant', 'editor')).toBe(false);
		expect(canManageMembers('partner', 'lead')).toBe(false);
		expect(canManageMembers('admin', 'lead')).toBe(true);
		expect(isStaff('partner')).toBe(false);
	});
});

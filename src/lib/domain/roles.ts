// Roles, area statuses and the rules that rank them.

export const GLOBAL_ROLES = ['admin', 'consultant', 'partner'] as const;
export type GlobalRole = (typeof GLOBAL_ROLES)[number];

export const AREA_ROLES = ['viewer', 'editor', 'lead'] as const;
export type AreaRole = (typeof AREA_ROLES)[number];

export const AREA_STATUSES = ['prospect', 'active', 'closed'] as const;
export type AreaStatus = (typeof AREA_STATUSES)[number];

export const GLOBAL_ROLE_LABELS: Record<GlobalRole, string> = {
	admin: 'Administrator',
	consultant: 'Consultant',
	partner: 'Local partner'
};

export const AREA_ROLE_LABELS: Record<AreaRole, string> = {
	viewer: 'Viewer (reads)',
	editor: 'Editor (reads and edits)',
	lead: 'Lead (edits and manages)'
};

export const AREA_STATUS_LABELS: Record<AreaStatus, string> = {
	prospect: 'Prospect',
	active: 'Active',
	closed: 'Closed'
};

/** True when `held` is at least `needed` in the order viewer < editor < lead. */
export function areaRoleAtLeast(held: AreaRole, needed: AreaRole): boolean {
	return AREA_ROLES.indexOf(held) >= AREA_ROLES.indexOf(needed);
}

/**
 * The area role a user effectively holds: admins act as lead everywhere; everyone else holds their membership role,
 * or nothing when they are not a member.
 */
export function effectiveAreaRole(globalRole: GlobalRole, membershipRole: AreaRole | null): AreaRole | null {
	if (globalRole === 'admin') return 'lead';
	return membershipRole;
}

/** Staff (admins and consultants) create areas, invite partners and manage members. */
export function isStaff(role: GlobalRole): boolean {
	return role === 'admin' || role === 'consultant';
}

/** Whether a user may manage an area's members: staff who lead the area (admins always). */
export function canManageMembers(globalRole: GlobalRole, areaRole: AreaRole | null): boolean {
	return isStaff(globalRole) && areaRole !== null && areaRoleAtLeast(areaRole, 'lead');
}

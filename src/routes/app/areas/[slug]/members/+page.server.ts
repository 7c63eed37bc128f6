import { error } from '@sveltejs/kit';
import { requireArea } from '$lib/server/auth/guard';
import { followTopics } from '$lib/server/realtime';
import { parseForm, failureFrom } from '$lib/server/forms';
import { inviteMemberSchema, memberRemoveSchema, memberRoleSchema } from '$lib/validators/areas';
import { changeMemberRole, inviteMember, listMembers, removeMember } from '$lib/server/areas';
import { pendingInvitations } from '$lib/server/auth/invitations';
import { canManageMembers } from '$lib/domain/roles';

/** Members are listed to everyone in the area; only staff who lead it manage them. */
async function requireManager(event: Parameters<typeof requireArea>[0]) {
	const context = await requireArea(event, 'lead');
	if (!canManageMembers(context.user.role, context.role)) error(404, 'Not found');
	return context;
}

export async function load(event) {
	const context = await requireArea(event);
	followTopics(event, context.area.id, 'members');
	const manage = canManageMembers(context.user.role, context.role);
	return {
		members: await listMembers(context),
		invitations: manage ? await pendingInvitations(context.area.id) : [],
		manage
	};
}

export const actions = {
	invite: async (event) => {
		const context = await requireManager(event);
		const form = await parseForm(event.request, inviteMemberSchema);
		if (!form.ok) return form.failure;
		try {
			const outcome = await inviteMember(context, form.data.email, form.data.role);
			return { message: outcome === 'invited' ? `Invitation sent to ${form.data.email}.` : `${form.data.email} now has access to this area.` };
		} catch (err) {
			return failureFrom(event, err, form.values);
		}
	},
	role: async (event) => {
		const context = await requireManager(event);
		const form = await parseForm(event.request, memberRoleSchema);
		if (!form.ok) return form.failure;
		try {
			await changeMemberRole(context, form.data.userId, form.data.role);
			return { message: 'Role changed.' };
		} catch (err) {
			return failureFrom(event, err, form.values);
		}
	},
	remove: async (event) => {
		const context = await requireManager(event);
		const form = await parseForm(event.request, memberRemoveSchema);
		if (!form.ok) return form.failure;
		try {
			await removeMember(context, form.data.userId);
			return { message: 'Member removed from the area.' };
		} catch (err) {
			return failureFrom(event, err, form.values);
		}
	}
};

import { requireRole } from '$lib/server/auth/guard';
import { parseForm, failureFrom } from '$lib/server/forms';
import { changeRoleSchema, inviteConsultantSchema, userIdSchema } from '$lib/validators/users';
import { changeUserRole, inviteStaff, listUsers, setUserDisabled } from '$lib/server/users';
import { GLOBAL_ROLE_LABELS } from '$lib/domain/roles';
import { pendingInvitations } from '$lib/server/auth/invitations';

export async function load(event) {
	requireRole(event, 'admin');
	return { users: await listUsers(), invitations: await pendingInvitations(null) };
}

export const actions = {
	invite: async (event) => {
		const admin = requireRole(event, 'admin');
		const form = await parseForm(event.request, inviteConsultantSchema);
		if (!form.ok) return form.failure;
		try {
			await inviteStaff(admin, form.data.email, form.data.role);
			return { message: `Invitation sent to ${form.data.email}.` };
		} catch (err) {
			return failureFrom(event, err, form.values);
		}
	},
	disable: async (event) => {
		const admin = requireRole(event, 'admin');
		const form = await parseForm(event.request, userIdSchema);
		if (!form.ok) return form.failure;
		try {
			await setUserDisabled(admin, form.data.userId, true);
			return { message: 'Account disabled: its sessions have ended.' };
		} catch (err) {
			return failureFrom(event, err, form.values);
		}
	},
	enable: async (event) => {
		const admin = requireRole(event, 'admin');
		const form = await parseForm(event.request, userIdSchema);
		if (!form.ok) return form.failure;
		try {
			await setUserDisabled(admin, form.data.userId, false);
			return { message: 'Account enabled.' };
		} catch (err) {
			return failureFrom(event, err, form.values);
		}
	},
	role: async (event) => {
		const admin = requireRole(event, 'admin');
		const form = await parseForm(event.request, changeRoleSchema);
		if (!form.ok) return form.failure;
		try {
			const user = await changeUserRole(admin, form.data.userId, form.data.role, form.data.version);
			return { message: `${user.name} is now ${GLOBAL_ROLE_LABELS[user.role]}.` };
		} catch (err) {
			return failureFrom(event, err, form.values);
		}
	}
};

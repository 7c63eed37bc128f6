// Test data built through the same tables the app uses. Fictional people only.
import { db } from '$lib/server/db';
import { areas, memberships, users } from '$lib/server/db/schema';
import { hashPassword } from '$lib/server/auth/password';
import { newId } from '$lib/server/ids';
import type { AreaRole, GlobalRole } from '$lib/domain/roles';
import type { SessionUser } from '$lib/server/auth/session';

export const PASSWORD = 'correct horse battery staple';
let passwordHash: Promise<string> | null = null;
let counter = 0;

export async function makeUser(role: GlobalRole = 'partner', overrides: { email?: string; password?: string } = {}) {
	counter += 1;
	const id = newId();
	const user = {
		id,
		email: overrides.email ?? `${role}${counter}.${id.slice(0, 6)}@example.test`,
		name: `Test ${role} ${counter}`,
		organisation: 'Test organisation',
		role,
		passwordHash: overrides.password
			? await hashPassword(overrides.password)
			: await (passwordHash ??= hashPassword(PASSWORD))
	};
	await db.insert(users).values(user);
	const sessionUser: SessionUser = {
		id,
		email: user.email,
		name: user.name,
		organisation: user.organisation,
		role,
		twoFactorEnabled: false
	};
	return sessionUser;
}

export async function makeArea(slug = `area-${newId().slice(0, 8)}`) {
	const [area] = await db
		.insert(areas)
		.values({ id: newId(), slug, name: `Area ${slug}`, policeForce: 'Testshire Police', status: 'active' })
		.returning();
	return area;
}

export async function addMember(areaId: string, userId: string, role: AreaRole) {
	await db.insert(memberships).values({ areaId, userId, role });
}

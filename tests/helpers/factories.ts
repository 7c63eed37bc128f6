// Test data built through the same tables the app uses. Fictional people only.
import { db } from '$lib/server/db';
import { areas, hydraInjects, hydraScenarios, memberships, users } from '$lib/server/db/schema';
import type { HydraSector } from '$lib/domain/hydra';
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

/**
 * A Hydra scenario for live-exercise tests, straight into the library's tables: signed off as anonymised (or not) by
 * `signer`, with injects in the order given (an empty audience goes to every syndicate).
 */
export async function hydraExerciseFixture(
	options: { signedOffBy?: string | null; injects?: { title: string; audience?: HydraSector[]; scenarioTime?: string }[] } = {}
) {
	const [scenario] = await db
		.insert(hydraScenarios)
		.values({
			id: newId(),
			title: `Live test scenario ${newId().slice(0, 6)}`,
			summary: 'A composite, fictional case for tests.',
			ageBand: '12_15',
			signedOffBy: options.signedOffBy ?? null,
			signedOffAt: options.signedOffBy ? new Date() : null
		})
		.returning();
	const injects = await db
		.insert(hydraInjects)
		.values(
			(options.injects ?? [{ title: 'Initial report' }, { title: 'Sighting' }, { title: 'Found' }]).map((inject, i) => ({
				id: newId(),
				scenarioId: scenario.id,
				position: i + 1,
				scenarioTime: inject.scenarioTime ?? `Day 1, ${String(20 + i).padStart(2, '0')}:00`,
				title: inject.title,
				content: `What happens at ${inject.title.toLowerCase()}.`,
				audience: inject.audience ?? [],
				facilitatorNotes: `Control only: ${inject.title}.`,
				prompts: 'What do you do next?'
			}))
		)
		.returning();
	return { scenario, injects: injects.sort((a, b) => a.position - b.position) };
}

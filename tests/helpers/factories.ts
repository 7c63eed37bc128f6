// Test data built through the same tables the app uses. Fictional people only.
import { db } from '$lib/server/db';
import { areas, hydraInjects, hydraScenarios, memberships, users, type HydraInject } from '$lib/server/db/schema';
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

export interface ScenarioOptions {
	/** The author; one is made when missing. */
	createdBy?: SessionUser;
	/** A second consultant who signed it off as anonymised; unsigned when missing. */
	signedOffBy?: SessionUser;
	title?: string;
	/** Injects in timeline order; three generic ones (the second for police only) when missing. */
	injects?: Partial<Omit<HydraInject, 'id' | 'scenarioId' | 'position' | 'createdAt'>>[];
}

/** A fictional scenario with its timeline, signed off or not, written straight to the tables. */
export async function makeScenario(options: ScenarioOptions = {}) {
	const author = options.createdBy ?? (await makeUser('consultant'));
	const [scenario] = await db
		.insert(hydraScenarios)
		.values({
			id: newId(),
			title: options.title ?? `Test scenario ${newId().slice(0, 6)}`,
			summary: 'A composite case for tests.',
			learningObjectives: 'Share information early',
			targetModels: ['episode'],
			ageBand: '12_15',
			circumstances: 'Lives in a children’s home, placed out of area.',
			createdBy: author.id,
			updatedBy: author.id,
			signedOffBy: options.signedOffBy?.id ?? null,
			signedOffAt: options.signedOffBy ? new Date() : null
		})
		.returning();
	const specs = options.injects ?? [
		{ scenarioTime: 'Day 1, 22:40', title: 'Initial report', content: 'Staff at the home report the young person has not come back.' },
		{ scenarioTime: 'Day 1, 23:30', title: 'Risk review', content: 'The duty inspector reviews the risk.', audience: ['police'] },
		{ scenarioTime: 'Day 2, 09:15', title: 'Found', content: 'The young person is found at a friend’s flat.' }
	];
	const injects = specs.length
		? await db
				.insert(hydraInjects)
				.values(
					specs.map((spec, i) => ({
						id: newId(),
						scenarioId: scenario.id,
						position: i + 1,
						scenarioTime: spec.scenarioTime ?? `Day 1, 0${i}:00`,
						title: spec.title ?? `Inject ${i + 1}`,
						content: spec.content ?? 'Something happens.',
						audience: spec.audience ?? [],
						facilitatorNotes: spec.facilitatorNotes ?? '',
						prompts: spec.prompts ?? ''
					}))
				)
				.returning()
		: [];
	return { scenario, injects: injects.sort((a, b) => a.position - b.position), author };
}

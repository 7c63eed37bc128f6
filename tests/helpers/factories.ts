// Test data built through the same tables the app uses. Fictional people only.
import { db } from '$lib/server/db';
import {
	areas,
	hydraBoardPosts,
	hydraDecisions,
	hydraExercises,
	hydraInjects,
	hydraReleases,
	hydraScenarios,
	hydraSyndicates,
	memberships,
	users,
	type HydraInject
} from '$lib/server/db/schema';
import { hashPassword } from '$lib/server/auth/password';
import { hashToken, newId } from '$lib/server/ids';
import type { HydraSector } from '$lib/domain/hydra';
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
 * A Hydra exercise ready for its debrief, written straight into the tables: a signed-off scenario with three injects
 * (the last for the NHS only, the second never released), the exercise, two syndicates, releases, each syndicate's
 * decisions, anonymous board answers and no learning points yet. Every text carries `tag`, so two fixtures in one
 * database can be told apart.
 */
export async function hydraDebriefFixture(options: { tag?: string; areaId?: string | null; facilitatorId?: string | null; startedAt?: Date } = {}) {
	const tag = options.tag ?? newId().slice(0, 6);
	const startedAt = options.startedAt ?? new Date('2026-03-12T09:30:00Z');
	const at = (minutes: number) => new Date(startedAt.getTime() + minutes * 60_000);
	const scenarioId = newId();
	await db.insert(hydraScenarios).values({
		id: scenarioId,
		title: `Scenario ${tag}: a 15-year-old missing from care`,
		summary: 'A composite case: a child in care goes missing for the third time in a month.',
		ageBand: '12_15',
		circumstances: 'Placed out of area; recent school exclusions.',
		targetModels: ['episode'],
		signedOffBy: options.facilitatorId ?? null,
		signedOffAt: options.facilitatorId ? startedAt : null
	});
	const inject = (position: number, scenarioTime: string, title: string, audience: HydraSector[] = []) => ({
		id: newId(),
		scenarioId,
		position,
		scenarioTime,
		title: `${title} (${tag})`,
		content: `Content of ${title}.`,
		audience
	});
	const injects = [
		inject(1, 'Day 1, 22:40', 'Care home reports a missing child'),
		inject(2, 'Day 2, 08:00', 'School notices absence'),
		inject(3, 'Day 2, 14:15', 'Found at a hospital emergency department', ['health'])
	];
	await db.insert(hydraInjects).values(injects);
	const [exercise] = await db
		.insert(hydraExercises)
		.values({
			id: newId(),
			scenarioId,
			areaId: options.areaId ?? null,
			title: `Exercise ${tag}`,
			joinCode: newId().slice(0, 8).toUpperCase(),
			status: 'ended',
			boardPrompt: `What would you do differently? (${tag})`,
			facilitatorId: options.facilitatorId ?? null,
			startedAt,
			endedAt: at(180)
		})
		.returning();
	const syndicates = [
		{ id: newId(), exerciseId: exercise.id, teamName: `Blue team ${tag}`, agency: 'police' as const, tokenHash: hashToken(newId()) },
		{ id: newId(), exerciseId: exercise.id, teamName: `Green team ${tag}`, agency: 'health' as const, tokenHash: hashToken(newId()) }
	];
	await db.insert(hydraSyndicates).values(syndicates);
	// Released out of the scenario's order: the hospital inject before the school one, which is never released.
	const released = [injects[0], injects[2]];
	await db.insert(hydraReleases).values(released.map((i, n) => ({ exerciseId: exercise.id, injectId: i.id, releasedAt: at(10 + n * 40), releasedBy: options.facilitatorId ?? null })));
	const decision = (syndicate: (typeof syndicates)[number], injectId: string, minutes: number, text: string, rationale: string, agency: HydraSector) => ({
		id: newId(),
		exerciseId: exercise.id,
		syndicateId: syndicate.id,
		injectId,
		decision: `${text} (${tag})`,
		rationale: `${rationale} (${tag})`,
		agency,
		createdAt: at(minutes)
	});
	const decisions = [
		decision(syndicates[0], injects[0].id, 15, 'Grade the report as high risk', 'Third episode this month and no contact with family', 'police'),
		decision(syndicates[0], injects[0].id, 22, 'Ask children’s services for the Philomena form', 'It lists the places and associates to search first', 'childrens_services'),
		decision(syndicates[1], injects[0].id, 18, 'Check local hospitals for admissions', 'Self-harm is recorded in the placement plan', 'health'),
		decision(syndicates[1], injects[2].id, 55, 'Hold the child safely until police arrive', 'The safe and well check needs the police', 'health')
	];
	await db.insert(hydraDecisions).values(decisions);
	const posts = [`Share the risk grade earlier (${tag})`, `Ask the school sooner (${tag})`].map((text, n) => ({
		id: newId(),
		exerciseId: exercise.id,
		prompt: exercise.boardPrompt,
		text,
		createdAt: at(170 + n)
	}));
	await db.insert(hydraBoardPosts).values(posts);
	return { tag, exercise, scenarioId, injects, released, syndicates, decisions, posts };
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
						prompts: spec.prompts ?? '',
						expectedResponse: spec.expectedResponse ?? '',
						releaseOffset: spec.releaseOffset ?? null
					}))
				)
				.returning()
		: [];
	return { scenario, injects: injects.sort((a, b) => a.position - b.position), author };
}

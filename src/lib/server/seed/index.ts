// Fictional demo data: staff and partner logins and two local areas. Later capabilities add their own demo content.
import { count } from 'drizzle-orm';
import { db } from '$lib/server/db';
import { areas, memberships, users } from '$lib/server/db/schema';
import { hashPassword } from '$lib/server/auth/password';
import { newId, newToken } from '$lib/server/ids';
import { encrypt } from '$lib/server/crypto';
import { newTotpKey } from '$lib/server/auth/two-factor';
import { decodeBase32IgnorePadding } from '@oslojs/encoding';
import type { AreaRole, GlobalRole } from '$lib/domain/roles';
import { seedBookings } from './bookings';
import { seedMaps } from './map';
import { seedPrivacy } from './privacy';
import { seedHeroes } from './heroes';
import { seedActions } from './actions';
import { seedRoom, seedWorkshops } from './workshops';
import { seedModels } from './models';
import { seedToc } from './toc';
import { seedHydra } from './hydra';
import { seedHydraLive } from './hydra-live';

interface DemoUser {
	email: string;
	name: string;
	organisation: string;
	role: GlobalRole;
	areas: Partial<Record<'northbrook' | 'southmere', AreaRole>>;
}

export const DEMO_USERS: DemoUser[] = [
	{ email: 'admin@homeward.test', name: 'Alex Admin', organisation: 'Homeward', role: 'admin', areas: {} },
	{
		email: 'consultant@homeward.test',
		name: 'Casey Consultant',
		organisation: 'Homeward',
		role: 'consultant',
		areas: { northbrook: 'lead', southmere: 'lead' }
	},
	{
		email: 'consultant2@homeward.test',
		name: 'Morgan Consultant',
		organisation: 'Homeward',
		role: 'consultant',
		areas: { southmere: 'lead' }
	},
	{
		email: 'partner.north@homeward.test',
		name: 'Priya North',
		organisation: 'Northbrook City Council',
		role: 'partner',
		areas: { northbrook: 'editor' }
	},
	{
		email: 'partner.south@homeward.test',
		name: 'Sam South',
		organisation: 'Southmere Police',
		role: 'partner',
		areas: { southmere: 'editor' }
	},
	{
		email: 'viewer.north@homeward.test',
		name: 'Vic Viewer',
		organisation: 'Northbrook Integrated Care Board',
		role: 'partner',
		areas: { northbrook: 'viewer' }
	}
];

const DEMO_AREAS = [
	{
		slug: 'northbrook',
		name: 'Northbrook',
		policeForce: 'Northbrook and Ashdale Police',
		localAuthorities: 'Northbrook City Council; Ashdale County Council',
		status: 'active' as const,
		description:
			'A city and its rural county redesigning the response to children and adults who go missing again and again, starting from return interviews that are rarely collated.'
	},
	{
		slug: 'southmere',
		name: 'Southmere',
		policeForce: 'Southmere Police',
		localAuthorities: 'Southmere Borough Council; Kestrel Bay Council',
		status: 'prospect' as const,
		description:
			'A coastal area exploring why adults missing from health settings fall between police, the NHS and adult social care.'
	}
];

export async function isEmpty() {
	const [{ n }] = await db.select({ n: count() }).from(users);
	return n === 0;
}

/**
 * Seeds the demo when the database holds no users; returns the logins and their password, or null when the database
 * already has data (it is never seeded twice).
 */
export async function seedDemo(
	password = process.env.SEED_PASSWORD || newToken().slice(0, 16),
	totpSecret = process.env.SEED_TOTP_SECRET || newTotpKey()
) {
	if (!(await isEmpty())) return null;
	const passwordHash = await hashPassword(password);
	// Staff sign in with a second factor: the demo enrols them all with one known authenticator key.
	const totpKey = encrypt(decodeBase32IgnorePadding(totpSecret));
	await db.transaction(async (tx) => {
		const areaIds = Object.fromEntries(DEMO_AREAS.map((a) => [a.slug, newId()]));
		const userIds = Object.fromEntries(DEMO_USERS.map((u) => [u.email, newId()]));
		await tx.insert(users).values(
			DEMO_USERS.map((u) => ({
				id: userIds[u.email],
				email: u.email,
				name: u.name,
				organisation: u.organisation,
				role: u.role,
				passwordHash,
				totpKey: u.role === 'partner' ? null : totpKey
			}))
		);
		await tx.insert(areas).values(
			DEMO_AREAS.map((a) => ({ id: areaIds[a.slug], ...a, createdBy: userIds['consultant@homeward.test'], ownerId: userIds['consultant@homeward.test'] }))
		);
		await tx.insert(memberships).values(
			DEMO_USERS.flatMap((u) =>
				Object.entries(u.areas).map(([slug, role]) => ({ areaId: areaIds[slug], userId: userIds[u.email], role }))
			)
		);
		await seedBookings(tx, { casey: userIds['consultant@homeward.test'], morgan: userIds['consultant2@homeward.test'] });
		await seedMaps(tx, areaIds, userIds['consultant@homeward.test']);
		await seedHeroes(tx, userIds['consultant@homeward.test']);
		await seedModels(tx, { northbrook: areaIds.northbrook, southmere: areaIds.southmere }, userIds['consultant@homeward.test']);
		await seedPrivacy(tx);
		await seedActions(tx, [areaIds.northbrook, areaIds.southmere], { [areaIds.northbrook]: userIds['partner.north@homeward.test'], [areaIds.southmere]: userIds['partner.south@homeward.test'] }, userIds['consultant@homeward.test']);
		await seedWorkshops(tx, areaIds.northbrook, userIds['consultant@homeward.test'], [userIds['partner.north@homeward.test'], userIds['viewer.north@homeward.test']]);
		await seedRoom(tx, areaIds.northbrook, userIds['consultant@homeward.test']);
		await seedToc(tx, { northbrook: areaIds.northbrook, southmere: areaIds.southmere }, userIds['consultant@homeward.test']);
		await seedHydra(tx, { casey: userIds['consultant@homeward.test'], morgan: userIds['consultant2@homeward.test'] }, areaIds.northbrook);
		await seedHydraLive(tx, { author: userIds['consultant@homeward.test'], signer: userIds['consultant2@homeward.test'] });
	});
	return { password, totpSecret, logins: DEMO_USERS.map((u) => ({ email: u.email, role: u.role })) };
}

import { describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { db } from '$lib/server/db';
import { areas, users } from '$lib/server/db/schema';
import { seedDemo } from '$lib/server/seed';
import { issueVersion, planVersionsOf, recordSignoff, versionPdf } from '$lib/server/plan/versions';
import { planModel, sectionsOf } from '$lib/server/plan/model';
import { updateArea } from '$lib/server/areas';
import { InputError, NotFoundError } from '$lib/server/errors';
import type { AreaContext } from '$lib/server/areas';
import type { AreaRole } from '$lib/domain/roles';
import { useTestDatabase } from '../helpers/database';
import { pdfOutline, pdfPages } from '../helpers/pdf';

useTestDatabase();

async function northbrook(email: string, role: AreaRole): Promise<AreaContext> {
	const [area] = await db.select().from(areas).where(eq(areas.slug, 'northbrook'));
	const [user] = await db.select().from(users).where(eq(users.email, email));
	return { area, role, user: { ...user, twoFactorEnabled: false } };
}

describe('issued versions and sign-off', () => {
	it('freezes a version, records sign-offs once per organisation, and turns draft when the area changes', async () => {
		await seedDemo('demo pass 2026', 'S3KWTBZAR36TTEMO2IYBVJ3AVHILPYVW');
		const lead = await northbrook('consultant@homeward.test', 'lead');
		const viewer = await northbrook('viewer.north@homeward.test', 'viewer');
		await expect(issueVersion(viewer)).rejects.toBeInstanceOf(NotFoundError);

		const v1 = await issueVersion(lead, new Date('2026-11-26T10:00:00Z'));
		expect(v1.number).toBe(1);
		const issued = await versionPdf(viewer, 1);
		expect((await pdfPages(issued)).join(' ')).toContain('Version 1');
		let state = await planVersionsOf(viewer);
		expect(state.draftSince).toBeNull();
		const [first, second] = state.current!.unsigned;

		await recordSignoff(lead, { versionId: v1.id, organisation: first, name: 'Alex Board', role: 'Chair', signedOn: '2026-11-27' }, '2026-11-28');
		await recordSignoff(lead, { versionId: v1.id, organisation: second, name: 'Sam Board', role: 'Director', signedOn: '2026-11-28' }, '2026-11-28');
		const twice = await recordSignoff(lead, { versionId: v1.id, organisation: first, name: 'Again', role: 'Chair', signedOn: '2026-11-28' }, '2026-11-28').catch((e) => e);
		expect(twice).toBeInstanceOf(InputError);
		expect(twice.errors.organisation).toContain('already signed');
		const future = await recordSignoff(lead, { versionId: v1.id, organisation: second, name: 'X', role: 'Y', signedOn: '2026-12-01' }, '2026-11-28').catch((e) => e);
		expect(future.errors.signedOn).toContain('future');
		const stranger = await recordSignoff(lead, { versionId: v1.id, organisation: 'Not a partner', name: 'X', role: 'Y', signedOn: '2026-11-28' }, '2026-11-28').catch((e) => e);
		expect(stranger.errors.organisation).toContain('Choose one of the organisations');

		state = await planVersionsOf(viewer);
		expect(state.current!.signoffs.map((s) => [s.organisation, s.name, s.role])).toEqual(
			expect.arrayContaining([
				[first, 'Alex Board', 'Chair'],
				[second, 'Sam Board', 'Director']
			])
		);
		expect(state.draftSince).toBeNull();

		// A change to the area makes a new draft; version 1 stays byte for byte as issued.
		await updateArea(lead, { name: lead.area.name, policeForce: lead.area.policeForce, localAuthorities: lead.area.localAuthorities, status: lead.area.status, description: lead.area.description, planSummary: 'Every adult who returns is offered follow-up.', version: lead.area.version });
		state = await planVersionsOf(viewer);
		expect(state.draftSince).toBe(1);
		expect((await versionPdf(viewer, 1)).equals(issued)).toBe(true);
		await expect(versionPdf(viewer, 2)).rejects.toBeInstanceOf(NotFoundError);
	}, 90_000);

	it('the page and the PDF share one list of sections: the PDF outline is exactly the model’s sections', async () => {
		const viewer = await northbrook('viewer.north@homeward.test', 'viewer');
		const model = await planModel(viewer, { now: new Date('2026-11-26T10:00:00Z') });
		const pdf = await versionPdf(viewer, 1);
		expect((await pdfOutline(pdf)).map((o) => o.title)).toEqual(sectionsOf(model).map((s) => s.title));
	}, 60_000);
});

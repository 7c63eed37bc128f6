import { describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { db } from '$lib/server/db';
import { memberships, outbox, users } from '$lib/server/db/schema';
import { createAction, type ActionInput } from '$lib/server/actions';
import { sendActionDigests } from '$lib/server/actions/digest';
import type { AreaContext } from '$lib/server/areas';
import { useTestDatabase } from '../helpers/database';
import { addMember, makeArea, makeUser } from '../helpers/factories';

useTestDatabase();

const action = (title: string, extra: Partial<ActionInput>): ActionInput => ({
	title,
	description: '',
	ownerActorId: null,
	ownerUserId: null,
	dueDate: null,
	status: 'in_progress',
	priority: 'medium',
	handoffIds: [],
	...extra
});

const digestsTo = (to: string) => db.select().from(outbox).where(and(eq(outbox.to, to), eq(outbox.kind, 'action-digest')));

describe('the weekly action digest', () => {
	it('reaches each owner once a week with their overdue and due-soon actions only, even when two runs race', async () => {
		const area = await makeArea();
		const owner = await makeUser('partner');
		const leaver = await makeUser('partner');
		const disabled = await makeUser('partner');
		for (const u of [owner, leaver, disabled]) await addMember(area.id, u.id, 'editor');
		const editor: AreaContext = { area, role: 'editor', user: owner };
		const mine = (title: string, dueDate: string | null, status: ActionInput['status'] = 'in_progress') =>
			createAction(editor, action(title, { ownerUserId: owner.id, dueDate, status }));
		// "Today" is Monday 23 November 2026.
		await mine('Overdue since Friday', '2026-11-20');
		await mine('Due today', '2026-11-23', 'not_started');
		await mine('Due in seven days', '2026-11-30', 'blocked');
		await mine('Due in eight days', '2026-12-01');
		await mine('Done but late', '2026-11-01', 'done');
		await mine('Dropped and late', '2026-11-01', 'dropped');
		await mine('No date', null);
		await createAction(editor, action('Owned by someone who left', { ownerUserId: leaver.id, dueDate: '2026-11-01' }));
		await createAction(editor, action('Owned by a disabled account', { ownerUserId: disabled.id, dueDate: '2026-11-01' }));
		await db.delete(memberships).where(and(eq(memberships.areaId, area.id), eq(memberships.userId, leaver.id)));
		await db.update(users).set({ disabledAt: new Date() }).where(eq(users.id, disabled.id));

		// Early on Monday the week's digest is not due yet.
		expect(await sendActionDigests(new Date('2026-11-23T07:59:00Z'))).toBeNull();
		expect(await digestsTo(owner.email)).toHaveLength(0);

		const due = new Date('2026-11-23T08:00:00Z');
		const results = await Promise.all([sendActionDigests(due), sendActionDigests(due)]);
		expect(results.filter((r) => r !== null)).toEqual([1]);
		const [mail, ...more] = await digestsTo(owner.email);
		expect(more).toHaveLength(0);
		expect(mail.subject).toBe('Your actions this week: 1 overdue, 2 due soon');
		expect(mail.text.indexOf('Overdue since Friday')).toBeLessThan(mail.text.indexOf('Due today'));
		expect(mail.text).toContain('Due in seven days');
		for (const absent of ['Due in eight days', 'Done but late', 'Dropped and late', 'No date']) expect(mail.text).not.toContain(absent);
		expect(mail.text).toMatch(new RegExp(`/app/areas/${area.slug}/actions/[a-z0-9]+`));
		expect(await digestsTo(leaver.email)).toHaveLength(0);
		expect(await digestsTo(disabled.email)).toHaveLength(0);

		// Later in the same week nothing more goes; the next week it goes again.
		expect(await sendActionDigests(new Date('2026-11-27T12:00:00Z'))).toBeNull();
		expect(await digestsTo(owner.email)).toHaveLength(1);
		expect(await sendActionDigests(new Date('2026-11-30T09:00:00Z'))).toBe(1);
		expect(await digestsTo(owner.email)).toHaveLength(2);
	});
});

// The weekly reminder: every owner gets one mail listing their overdue and due-soon actions across their areas.
import { and, eq, isNotNull, isNull, lte, notInArray } from 'drizzle-orm';
import { format, addDays, parseISO } from 'date-fns';
import { db } from '$lib/server/db';
import { actions, areas, jobRuns, memberships, users } from '$lib/server/db/schema';
import { enqueueMail, link } from '$lib/server/mail';
import { config } from '$lib/server/config';
import { effectiveAreaRole } from '$lib/domain/roles';
import { formatDate, londonToday } from '$lib/domain/dates';
import { DIGEST_DUE_SOON_DAYS, digestSectionOf, digestWeekDue, myActionsOrder } from '$lib/domain/actions';

export const ACTION_DIGEST_JOB = 'action-digest';

interface DigestLine {
	id: string;
	title: string;
	dueDate: string | null;
	status: (typeof actions.$inferSelect)['status'];
	areaSlug: string;
	areaName: string;
}

function digestText(name: string, lines: DigestLine[], today: string) {
	const overdue = lines.filter((l) => digestSectionOf(l, today) === 'overdue');
	const soon = lines.filter((l) => digestSectionOf(l, today) === 'due-soon');
	const item = (l: DigestLine) =>
		`- ${l.title} (${l.areaName}), due ${formatDate(`${l.dueDate}T12:00:00Z`)}\n  ${link(`/app/areas/${l.areaSlug}/actions/${l.id}`)}`;
	return [
		`Hello ${name},`,
		'',
		'Here are the actions you own that need attention this week.',
		...(overdue.length ? ['', `Overdue (${overdue.length}):`, ...overdue.map(item)] : []),
		...(soon.length ? ['', `Due in the next ${DIGEST_DUE_SOON_DAYS} days (${soon.length}):`, ...soon.map(item)] : []),
		'',
		`Post an update or change the status from each action's page, or see them all under "My actions": ${link('/app')}`,
		'',
		config.orgName
	].join('\n');
}

/**
 * Sends the week's reminders once the week's slot has come (Monday 08:00, London). The first instance to claim the
 * week in `job_runs` writes every mail in the same transaction; any other run, at the same moment or later, finds
 * the week taken and sends nothing. Returns how many mails were written, or null when there was nothing to do.
 */
export async function sendActionDigests(now = new Date()) {
	const week = digestWeekDue(now);
	if (!week) return null;
	const today = londonToday(now);
	const horizon = format(addDays(parseISO(today), DIGEST_DUE_SOON_DAYS), 'yyyy-MM-dd');
	return db.transaction(async (tx) => {
		const [claimed] = await tx.insert(jobRuns).values({ job: ACTION_DIGEST_JOB, period: week }).onConflictDoNothing().returning();
		if (!claimed) return null;
		const rows = await tx
			.select({
				action: { id: actions.id, title: actions.title, dueDate: actions.dueDate, status: actions.status },
				area: { slug: areas.slug, name: areas.name },
				owner: { id: users.id, email: users.email, name: users.name, role: users.role },
				membershipRole: memberships.role
			})
			.from(actions)
			.innerJoin(users, eq(users.id, actions.ownerUserId))
			.innerJoin(areas, eq(areas.id, actions.areaId))
			.leftJoin(memberships, and(eq(memberships.areaId, actions.areaId), eq(memberships.userId, users.id)))
			.where(
				and(
					isNull(users.disabledAt),
					notInArray(actions.status, ['done', 'dropped']),
					isNotNull(actions.dueDate),
					lte(actions.dueDate, horizon)
				)
			);
		const byOwner = new Map<string, { owner: (typeof rows)[number]['owner']; lines: DigestLine[] }>();
		for (const { action, area, owner, membershipRole } of rows) {
			// Only areas the owner can still open.
			if (effectiveAreaRole(owner.role, membershipRole) === null || digestSectionOf(action, today) === null) continue;
			const entry = byOwner.get(owner.id) ?? { owner, lines: [] };
			entry.lines.push({ ...action, areaSlug: area.slug, areaName: area.name });
			byOwner.set(owner.id, entry);
		}
		for (const { owner, lines } of byOwner.values()) {
			const ordered = myActionsOrder(lines, today);
			const overdue = ordered.filter((l) => digestSectionOf(l, today) === 'overdue').length;
			await enqueueMail(tx, {
				to: owner.email,
				kind: 'action-digest',
				subject: `Your actions this week: ${overdue} overdue, ${ordered.length - overdue} due soon`,
				text: digestText(owner.name, ordered, today)
			});
		}
		await tx
			.update(jobRuns)
			.set({ outcome: { mails: byOwner.size } })
			.where(and(eq(jobRuns.job, ACTION_DIGEST_JOB), eq(jobRuns.period, week)));
		return byOwner.size;
	});
}

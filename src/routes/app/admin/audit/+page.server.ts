import { requireRole } from '$lib/server/auth/guard';
import { queryAudit } from '$lib/server/admin';
import { fieldErrors } from '$lib/server/forms';
import { auditFilterSchema } from '$lib/validators/admin';
import { londonInstant } from '$lib/domain/slots';
import { auditDiff } from '$lib/domain/admin';

const nextDay = (date: string) => {
	const [y, m, d] = date.split('-').map(Number);
	return new Date(Date.UTC(y, m - 1, d + 1)).toISOString().slice(0, 10);
};

export async function load(event) {
	const admin = requireRole(event, 'admin');
	const values = Object.fromEntries(event.url.searchParams);
	const parsed = auditFilterSchema.safeParse(values);
	// Bad filters are shown next to their fields and left out, rather than failing the whole page.
	const filter = parsed.success ? parsed.data : { page: 1 };
	const result = await queryAudit(admin, {
		areaId: 'area' in filter ? filter.area : undefined,
		actorId: 'actor' in filter ? filter.actor : undefined,
		entity: 'entity' in filter ? filter.entity : undefined,
		from: 'from' in filter && filter.from ? londonInstant(filter.from, '00:00') : undefined,
		to: 'to' in filter && filter.to ? londonInstant(nextDay(filter.to), '00:00') : undefined,
		page: filter.page
	});
	return {
		values,
		errors: parsed.success ? {} : fieldErrors(parsed.error),
		page: filter.page,
		pages: result.pages,
		total: result.total,
		choices: result.choices,
		entries: result.rows.map(({ before, after, ...row }) => ({ ...row, diff: auditDiff(before, after) }))
	};
}

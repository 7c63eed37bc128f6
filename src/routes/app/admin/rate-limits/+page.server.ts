import { requireRole } from '$lib/server/auth/guard';
import { listRateLimitEvents } from '$lib/server/admin';
import { rateLimitFilterSchema } from '$lib/validators/admin';
import type { KeyKind } from '$lib/domain/admin';

export async function load(event) {
	const admin = requireRole(event, 'admin');
	const values = Object.fromEntries(event.url.searchParams);
	const parsed = rateLimitFilterSchema.safeParse(values);
	const filter = parsed.success ? parsed.data : {};
	const result = await listRateLimitEvents(admin, { bucket: filter.bucket, kind: filter.kind as KeyKind | undefined });
	return { values, ...result };
}

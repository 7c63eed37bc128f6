import { requireArea } from '$lib/server/auth/guard';

// Present mode has its own full-screen layout (no app chrome: see the root layout's `chrome`); the page and its actions
// call requireArea themselves.
export async function load(event) {
	const { area, user } = await requireArea(event);
	return { chrome: 'present' as const, area: { id: area.id, slug: area.slug, name: area.name }, userId: user.id };
}

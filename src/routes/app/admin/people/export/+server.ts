// The subject access export: everything held about one address as a JSON download. Posted, so the address never
// sits in a URL.
import { json } from '@sveltejs/kit';
import { requireRole } from '$lib/server/auth/guard';
import { exportSubject } from '$lib/server/privacy';
import { subjectSchema } from '$lib/validators/admin';

export async function POST(event) {
	const admin = requireRole(event, 'admin');
	const form = await event.request.formData().catch(() => null);
	const parsed = subjectSchema.safeParse(form ? Object.fromEntries(form) : {});
	if (!parsed.success) return json({ error: 'Give the email address to export.' }, { status: 400 });
	const data = await exportSubject(admin, parsed.data.email);
	const day = data.exportedAt.slice(0, 10);
	return new Response(JSON.stringify(data, null, 2), {
		headers: {
			'content-type': 'application/json; charset=utf-8',
			'content-disposition': `attachment; filename="subject-access-${day}.json"`,
			'cache-control': 'no-store'
		}
	});
}

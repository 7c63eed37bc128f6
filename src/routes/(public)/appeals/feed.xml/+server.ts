// The current appeals as an Atom feed, for people and partners who follow appeals in a reader.
import { listAppeals, appealHeadline } from '$lib/server/heroes';
import { link } from '$lib/server/mail';
import { config } from '$lib/server/config';

const escape = (s: string) =>
	s.replace(/[<>&'"]/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', "'": '&apos;', '"': '&quot;' })[c]!);

export async function GET() {
	const appeals = await listAppeals();
	const updated = (appeals[0]?.createdAt ?? new Date(0)).toISOString();
	const entries = appeals
		.map(
			(a) => `  <entry>
    <id>${escape(link(`/appeals/${a.id}`))}</id>
    <title>${escape(`Missing: ${appealHeadline(a)}`)}</title>
    <link href="${escape(link(`/appeals/${a.id}`))}"/>
    <updated>${a.createdAt.toISOString()}</updated>
    <summary>${escape(a.description)}</summary>
  </entry>`
		)
		.join('\n');
	const body = `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
  <id>${escape(link('/appeals'))}</id>
  <title>${escape(`${config.orgName}: missing person appeals`)}</title>
  <link href="${escape(link('/appeals'))}"/>
  <link rel="self" href="${escape(link('/appeals/feed.xml'))}"/>
  <updated>${updated}</updated>
  <author><name>${escape(config.orgName)}</name></author>
${entries}
</feed>
`;
	return new Response(body, {
		headers: { 'content-type': 'application/atom+xml; charset=utf-8', 'cache-control': 'public, max-age=60' }
	});
}

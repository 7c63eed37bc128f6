// Requests from the public Hydra page: a name, an organisation and an address, kept to answer the request.
import { eq, sql } from 'drizzle-orm';
import { hydraRequests } from '$lib/server/db/schema';
import { audit } from '$lib/server/audit';
import type { PersonalDataSource } from '../types';

const day = (value: unknown) => new Date(value as Date).toISOString().slice(0, 10);

export const hydraRequestsSource: PersonalDataSource = {
	id: 'hydra-requests',
	label: 'Hydra training requests',
	find: (db, email) => db.select().from(hydraRequests).where(eq(sql`lower(${hydraRequests.email})`, email)),
	describe: (r) => `Hydra request (${r.kind === 'place' ? 'a place on a session' : 'a session in their area'}) from ${r.organisation} on ${day(r.createdAt)} (${r.status})`,
	async erase(tx, subject) {
		// Nothing else hangs on a request: it goes whole, and the session's offered places are counted without it.
		const gone = await tx
			.delete(hydraRequests)
			.where(eq(sql`lower(${hydraRequests.email})`, subject.email))
			.returning({ id: hydraRequests.id, name: hydraRequests.name });
		for (const request of gone) {
			subject.names.push(request.name);
			subject.auditRefs.push({ entity: 'hydra_request', entityId: request.id });
			await audit(tx, { actorId: subject.actor.id, entity: 'hydra_request', entityId: request.id, action: 'erase' });
		}
		return gone.length;
	}
};

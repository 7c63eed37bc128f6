// The rule every staff-only verb starts with: consultants and admins only, and anyone else is told nothing exists.
import { isStaff } from '$lib/domain/roles';
import { NotFoundError } from '$lib/server/errors';
import type { SessionUser } from './session';

export function assertStaff(actor: Pick<SessionUser, 'role'>) {
	if (!isStaff(actor.role)) throw new NotFoundError();
}

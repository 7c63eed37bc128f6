// Demo data for the retention page: Search Heroes records whose time is coming, so the page has something to show.
// Fictional addresses on the reserved .test domain.
import type { Transaction } from '$lib/server/db';
import { heroSubscribers } from '$lib/server/db/schema';
import { newId } from '$lib/server/ids';
import { CONSENT_METHOD, CONSENT_WORDING } from '$lib/domain/heroes';

const DAY = 24 * 60 * 60 * 1000;

export async function seedPrivacy(tx: Transaction, now = new Date()) {
	const ago = (days: number) => new Date(now.getTime() - days * DAY);
	const consent = { consentWording: CONSENT_WORDING, consentMethod: CONSENT_METHOD };
	await tx.insert(heroSubscribers).values([
		// Signed up but never confirmed: deleted when the confirmation link runs out.
		{ id: newId(), email: 'hero.unconfirmed@example.test', firstName: 'Robin', region: 'north-east', status: 'pending', consentAt: ago(3), ...consent },
		// Unsubscribed nearly a year ago: the record of consent and withdrawal goes soon.
		{
			id: newId(),
			email: 'hero.leaver@example.test',
			firstName: '',
			region: null,
			status: 'unsubscribed',
			consentAt: ago(700),
			confirmedAt: ago(700),
			unsubscribedAt: ago(350),
			...consent
		}
	]);
}

// Every place Homeward keeps personal data about an email address, in the order erasure visits them. A capability
// that stores addresses or names (as Hydra requests do) writes one PersonalDataSource and adds it here;
// subject access, export and erasure then cover it with no other change.
import type { PersonalDataSource } from './types';
import { accountsSource, invitationsSource } from './sources/accounts';
import { bookingsSource, enquiriesSource, heroesSource, sightingsSource } from './sources/public';
import { hydraRequestsSource } from './sources/hydra';
import { areaTextSource, auditSource, outboxSource, rateLimitSource } from './sources/sweeps';

export const SOURCES: PersonalDataSource[] = [
	accountsSource,
	invitationsSource,
	bookingsSource,
	enquiriesSource,
	heroesSource,
	sightingsSource,
	hydraRequestsSource,
	// The sweeps last: they use the names and records the sources above have found.
	areaTextSource,
	outboxSource,
	rateLimitSource,
	auditSource
];

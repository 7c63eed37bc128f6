// Demo content for the public front door: fictional appeals and a partner enquiry. No real person's details.
import type { Transaction } from '$lib/server/db';
import { appeals, partnerEnquiries } from '$lib/server/db/schema';
import { newId } from '$lib/server/ids';

export async function seedHeroes(tx: Transaction, createdBy: string) {
	await tx.insert(appeals).values([
		{
			id: newId(),
			firstName: 'Rowan',
			age: 15,
			region: 'north-east',
			place: 'Ashdale',
			missingSince: '2026-01-12',
			description:
				'Demo appeal (a fictional person). Tall and slim, with shoulder-length red hair. Last seen wearing a navy school coat and carrying a yellow rucksack.',
			createdBy
		},
		{
			id: newId(),
			firstName: 'Elsie',
			age: 79,
			region: 'south-west',
			place: 'Kestrel Bay',
			missingSince: '2026-01-14',
			description:
				'Demo appeal (a fictional person). Short white hair and glasses. Last seen near the seafront in a long green raincoat. She may seem confused.',
			createdBy
		}
	]);
	await tx.insert(partnerEnquiries).values({
		id: newId(),
		organisationType: 'police',
		organisation: 'Fenwick Vale Police',
		name: 'Dana Example',
		email: 'dana.example@fenwick.test',
		place: 'Fenwick Vale',
		message: 'Our missing persons unit sees the same young people again and again. We would like to talk about a whole-system approach.'
	});
}

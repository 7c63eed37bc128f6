// Lengths the forms, the importer and the database agree on.
export const LIMITS = {
	name: 120,
	description: 2000,
	label: 160,
	trigger: 400,
	standard: 400,
	evidence: 2000,
	notes: 2000,
	snapshotName: 80
} as const;

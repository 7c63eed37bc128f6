// A checkbox group's ticked values as a failed form keeps them (comma-joined, see $lib/server/hydra/form-lists.ts).
export const listOf = (value: string | undefined | null) => (value ? value.split(',').filter(Boolean) : []);

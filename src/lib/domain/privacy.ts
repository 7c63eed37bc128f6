// Data protection rules that need no database: how an address is normalised, what an erased account becomes.

/** The name an erased account shows wherever its area work is listed. */
export const FORMER_MEMBER = 'Former member';

/** A unique, non-identifying address for an erased account (`.invalid` never resolves, RFC 2606). */
export function formerMemberEmail(userId: string) {
	return `former-member-${userId}@erased.invalid`;
}

/** One form per address for matching and hashing: trimmed, lower case. */
export function normaliseAddress(address: string) {
	return address.trim().toLowerCase();
}

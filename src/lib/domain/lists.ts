// Long lists on summary pages: the first few items and how many there are, so a page need not send them all.

/** The first `limit` items and the total; every item when `all` is set. */
export function firstOf<T>(items: T[], limit: number, all = false): { items: T[]; total: number } {
	return { items: all ? items : items.slice(0, limit), total: items.length };
}

/** How many items of each list a summary page shows before its "show all" link. */
export const SUMMARY_LIMIT = 10;

// What the editable grids of the Table view are made of (EditGrid.svelte draws them).

/** A column header: a link that sorts by it, when it can. */
export type GridColumn = { key: string; label: string; num?: boolean; href?: string; sort?: 'ascending' | 'descending' };

/** One cell of each row: `field` (the save action's field name) makes it editable, `choices` makes its editor a select. */
export type GridCell = {
	field: string | null;
	head: string;
	choices?: { values: readonly string[]; labels: Record<string, string> };
	num?: boolean;
};

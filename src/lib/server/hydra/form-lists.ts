// Checkbox groups send one value per ticked box, but a failed form keeps one value per name: this keeps every ticked
// value (comma-joined) so that the form comes back with the same boxes ticked.
export async function keepLists(request: Request, names: string[]) {
	const form = await request.clone().formData();
	return <T extends Record<string, string>>(values: T): T => {
		for (const name of names) (values as Record<string, string>)[name] = form.getAll(name).filter((v) => typeof v === 'string').join(',');
		return values;
	};
}


// The plan's list of owner organisations (one per action's owner, hundreds in a large area) is left to a browser that
// runs the scripts: it fills the list in from the page's data (see leanRender).
import { leanRender } from '$lib/components/live/scripts-cookie';

export function load({ data }) {
	return { ...data, lean: leanRender(data) };
}

// A browser that has run Homeward's scripts says so for the rest of its session, in a cookie that holds "1" and
// nothing else, under /app. A page with a large drawing (the map's network) then leaves the drawing to the browser,
// which fetches it as data, rather than send it twice (drawn on the server, and again as the data to take it over
// with). A browser without scripts never sets it, and gets the drawing from the server.
export const SCRIPTS_COOKIE = 'homeward_scripts';

/** Called once the app's scripts run in this browser. */
export function markScriptsRun() {
	if (!document.cookie.split('; ').includes(`${SCRIPTS_COOKIE}=1`)) {
		document.cookie = `${SCRIPTS_COOKIE}=1; path=/app; samesite=lax${location.protocol === 'https:' ? '; secure' : ''}`;
	}
}

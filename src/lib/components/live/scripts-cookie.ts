// A browser that has run Homeward's scripts says so for the rest of its session, in a cookie that holds "1" and
// nothing else, under /app. A page with a large drawing (the map's network) then leaves the drawing out: the browser
// fetches it as data and draws it, as it does on a first visit in place of the server's drawing (see
// $lib/server/map/drawing). A page with a list of every actor leaves the list for the browser to fill in from the data
// it has anyway. A browser without scripts never sets it, and gets everything from the server.
import type { Cookies } from '@sveltejs/kit';
import { browser } from '$app/environment';

export const SCRIPTS_COOKIE = 'homeward_scripts';

/**
 * Where a page for a browser that has not run the scripts gets a drawing the server made once and reuses (see
 * $lib/server/map/drawing): the page renders this comment, and the drawing replaces it after the page is rendered.
 */
export const SERVER_DRAWING_SLOT = '<!--homeward:drawing-->';

/** On the server: whether the browser asking has run the scripts. */
export const scriptsRunIn = (cookies: Cookies) => cookies.get(SCRIPTS_COOKIE) === '1';

/**
 * In a universal load, with what the server load said of `scriptsRunIn`: true while the server renders for a browser
 * that builds the left-out parts itself. A part left out sits in an `{#if}` block, which the browser builds afresh.
 */
export const leanRender = (data: { scriptsRun: boolean }) => !browser && data.scriptsRun;

/** Called once the app's scripts run in this browser. */
export function markScriptsRun() {
	if (!document.cookie.split('; ').includes(`${SCRIPTS_COOKIE}=1`)) {
		document.cookie = `${SCRIPTS_COOKIE}=1; path=/app; samesite=lax${location.protocol === 'https:' ? '; secure' : ''}`;
	}
}

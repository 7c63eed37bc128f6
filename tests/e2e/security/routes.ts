// Reads the route tree under src/routes/app so that every page, data endpoint, form action and +server handler is
// covered by the security matrix without anyone listing it by hand.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

export interface AppRoute {
	/** SvelteKit route id, e.g. /app/areas/[slug]/members */
	id: string;
	page: boolean;
	actions: string[];
	/** HTTP methods exported by +server.ts */
	methods: string[];
}

const ROOT = 'src/routes';

function walk(dir: string): string[] {
	return [dir, ...readdirSync(dir).flatMap((name) => {
		const path = join(dir, name);
		return statSync(path).isDirectory() ? walk(path) : [];
	})];
}

function actionNames(source: string): string[] {
	const block = source.match(/export const actions\s*(?::[^=]+)?=\s*\{([\s\S]*?)\n\}/);
	if (!block) return [];
	return [...block[1].matchAll(/^\t(\w+)\s*:/gm)].map((m) => m[1]);
}

function methodNames(source: string): string[] {
	return [...source.matchAll(/export\s+(?:async\s+)?(?:function|const)\s+(GET|POST|PUT|PATCH|DELETE)\b/g)].map((m) => m[1]);
}

export function appRoutes(): AppRoute[] {
	return walk(join(ROOT, 'app'))
		.map((dir) => {
			const file = (name: string) => join(dir, name);
			const id = '/' + relative(ROOT, dir).split('/').filter((s) => !/^\(.*\)$/.test(s)).join('/');
			const serverPage = existsSync(file('+page.server.ts')) ? readFileSync(file('+page.server.ts'), 'utf8') : '';
			const endpoint = existsSync(file('+server.ts')) ? readFileSync(file('+server.ts'), 'utf8') : '';
			return {
				id,
				page: existsSync(file('+page.svelte')),
				actions: actionNames(serverPage),
				methods: methodNames(endpoint)
			};
		})
		.filter((r) => r.page || r.actions.length || r.methods.length)
		.sort((a, b) => a.id.localeCompare(b.id));
}

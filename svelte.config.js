import { readFileSync, writeFileSync } from 'node:fs';
import adapter from '@sveltejs/adapter-node';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';

const node = adapter();

/**
 * adapter-node, with its `build/index.js` replaced by scripts/server.js, so that `node build` and `npm start` are one
 * server: the same security headers on every response (static files included), the same body limit and the same
 * draining shutdown. adapter-node's own entry sends none of those headers and caps bodies at 512 KB.
 * @type {import('@sveltejs/kit').Adapter}
 */
const homewardAdapter = {
	...node,
	name: 'adapter-node with scripts/server.js',
	async adapt(builder) {
		await node.adapt(builder);
		builder.copy('src/lib/server/security-headers.js', 'build/security-headers.js');
		builder.copy('src/lib/server/welcome.js', 'build/welcome.js');
		const server = readFileSync('scripts/server.js', 'utf8')
			.replaceAll('../src/lib/server/', './')
			.replaceAll('../build/', './');
		writeFileSync('build/index.js', server);
		builder.rimraf('build/index.js.map');
	}
};

/** @type {import('@sveltejs/kit').Config} */
const config = {
	preprocess: vitePreprocess(),
	compilerOptions: { runes: true },
	kit: {
		adapter: homewardAdapter,
		// The same origin check runs in hooks.server.ts (src/lib/server/csrf.ts), which exempts only the RFC 8058
		// one-click unsubscribe endpoint: SvelteKit's own check refuses mail providers' origin-less posts to it.
		// `'*'` is kit 2's supported way to turn its check off (`checkOrigin: false` is deprecated).
		csrf: { trustedOrigins: ['*'] },
		csp: {
			mode: 'auto',
			directives: {
				'default-src': ['self'],
				'script-src': ['self'],
				// Svelte writes style attributes during SSR; 'unsafe-inline' keeps SvelteKit from adding a style nonce.
				'style-src': ['self', 'unsafe-inline'],
				'img-src': ['self', 'data:'],
				'font-src': ['self'],
				'connect-src': ['self'],
				'object-src': ['none'],
				'base-uri': ['self'],
				'form-action': ['self'],
				'frame-ancestors': ['none']
			}
		}
	}
};

export default config;

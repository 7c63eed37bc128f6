import adapter from '@sveltejs/adapter-node';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';

/** @type {import('@sveltejs/kit').Config} */
const config = {
	preprocess: vitePreprocess(),
	compilerOptions: { runes: true },
	kit: {
		adapter: adapter(),
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

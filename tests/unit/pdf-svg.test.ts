import { describe, expect, it } from 'vitest';
import { renderPdf } from '$lib/server/pdf';

// Documents size each diagram from its SVG's root tag (src/lib/server/pdf/index.ts) rather than parsing it whole.
describe('diagrams in a PDF', () => {
	it('draws an SVG at the width the document asks for, keeping its proportions', async () => {
		const svg = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 1000 500" width="1000" height="500"><rect width="1000" height="500" fill="#0b4f5c"/></svg>';
		const page = (await renderPdf({ content: [{ svg, width: 400 }], compress: false })).toString('latin1');
		// Clipped to a 400 x 200 box, the drawing scaled by 0.4 into it.
		expect(page).toMatch(/0 0 m\n400 0 l\n400 200 l\n0 200 l\nh\nW n\n0\.4 0 0 0\.4 0 0 cm/);
	});

	it('refuses a diagram whose root tag does not say its width, height and viewBox', async () => {
		const missing = ['<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><rect width="10" height="10"/></svg>', '<svg viewBox="0 0 10 10"></svg>', '<g/>'];
		for (const svg of missing) await expect(renderPdf({ content: [{ svg, width: 100 }] })).rejects.toThrow(/width, height and viewBox/);
	});
});

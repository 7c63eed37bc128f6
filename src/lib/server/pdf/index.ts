// pdfmake set up once for the process: Roboto from the pdfmake package itself, and no fetching of URLs or local
// files named in a document (documents are built from area data, so nothing in them may reach the file system).
import { createRequire } from 'node:module';
import pdfmake from 'pdfmake';
import type { TDocumentDefinitions } from 'pdfmake/interfaces';

const require = createRequire(import.meta.url);
const font = (file: string) => require.resolve(`pdfmake/fonts/Roboto/${file}`);

/**
 * Every SVG in a Homeward document comes from `$lib/diagrams/svg`, whose root tag carries its width, height and
 * viewBox. pdfmake's own measure parses a whole SVG into a tree to read those three, and again to set the printed size,
 * and prints it back to text; the drawing then parses it a third time. On the 300-actor plan those two parses were a
 * fifth of the swimlane's pages. This reads and sets the root tag's attributes only, and refuses an SVG without them.
 */
const ROOT = /^<svg\b[^>]*>/;
function rootOf(svg: unknown) {
	const root = typeof svg === 'string' ? ROOT.exec(svg)?.[0] : undefined;
	const number = (name: string) => Number(new RegExp(`\\s${name}="([\\d.]+)"`).exec(root ?? '')?.[1]);
	const size = { width: number('width'), height: number('height') };
	if (!root || !/\sviewBox="/.test(root) || !(size.width > 0 && size.height > 0)) {
		throw new Error('An SVG in a document must open with an <svg> tag that has its width, height and viewBox.');
	}
	return { root, size };
}
const svgMeasure = {
	measureSVG: (svg: string) => rootOf(svg).size,
	writeDimensions: (svg: string, size: { width: number; height: number }) => {
		const { root } = rootOf(svg);
		return root.replace(/\s(width|height)="[^"]*"/g, '').replace(/^<svg/, `<svg width="${size.width}" height="${size.height}"`) + svg.slice(root.length);
	}
};

let ready = false;
function setUp() {
	if (ready) return;
	pdfmake.setFonts({
		Roboto: {
			normal: font('Roboto-Regular.ttf'),
			bold: font('Roboto-Medium.ttf'),
			italics: font('Roboto-Italic.ttf'),
			bolditalics: font('Roboto-MediumItalic.ttf')
		}
	});
	pdfmake.setUrlAccessPolicy(() => false);
	Object.assign(require('pdfmake/js/SVGMeasure').default.prototype, svgMeasure);
	// The fonts above are the only files a document may read.
	const fonts = new Set(['Roboto-Regular.ttf', 'Roboto-Medium.ttf', 'Roboto-Italic.ttf', 'Roboto-MediumItalic.ttf'].map(font));
	(pdfmake as unknown as { setLocalAccessPolicy(check: (path: string) => boolean): void }).setLocalAccessPolicy((path) => fonts.has(path));
	ready = true;
}

export async function renderPdf(definition: TDocumentDefinitions): Promise<Buffer> {
	setUp();
	return pdfmake.createPdf(definition).getBuffer();
}

/**
 * The frame every Homeward report shares: A4, British English metadata, a running title from page 2, "page x of y" with
 * the organisation's name in the footer, and no heading left alone at the foot of a page.
 */
export function reportFrame(report: { title: string; author: string; subject: string; keywords: string; now: Date }) {
	return {
		pageSize: 'A4',
		pageMargins: [50, 60, 50, 60],
		language: 'en-GB',
		info: { title: report.title, author: report.author, subject: report.subject, keywords: report.keywords, creator: 'Homeward', creationDate: report.now },
		// A heading never ends a page: it moves to the next one with what it introduces.
		pageBreakBefore: (node, nodes) => node.headlineLevel === 2 && nodes.getFollowingNodesOnPage().length === 0,
		header: (page) => (page === 1 ? null : { text: report.title, style: 'running', margin: [50, 25, 50, 0] }),
		footer: (page, pages) => ({
			columns: [
				{ text: report.author, style: 'running' },
				{ text: `Page ${page} of ${pages}`, style: 'running', alignment: 'right' }
			],
			margin: [50, 20, 50, 0]
		})
	} satisfies Partial<TDocumentDefinitions>;
}


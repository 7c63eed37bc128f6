// pdfmake set up once for the process: Roboto from the pdfmake package itself, and no fetching of URLs or local
// files named in a document (documents are built from area data, so nothing in them may reach the file system).
import { createRequire } from 'node:module';
import pdfmake from 'pdfmake';
import type { TDocumentDefinitions } from 'pdfmake/interfaces';

const require = createRequire(import.meta.url);
const font = (file: string) => require.resolve(`pdfmake/fonts/Roboto/${file}`);

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
	// The fonts above are the only files a document may read.
	const fonts = new Set(['Roboto-Regular.ttf', 'Roboto-Medium.ttf', 'Roboto-Italic.ttf', 'Roboto-MediumItalic.ttf'].map(font));
	(pdfmake as unknown as { setLocalAccessPolicy(check: (path: string) => boolean): void }).setLocalAccessPolicy((path) => fonts.has(path));
	ready = true;
}

export async function renderPdf(definition: TDocumentDefinitions): Promise<Buffer> {
	setUp();
	return pdfmake.createPdf(definition).getBuffer();
}

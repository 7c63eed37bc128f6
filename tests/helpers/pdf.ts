// The text of a PDF, page by page, as a reader would copy it: what the tests assert about generated documents.
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';

export async function pdfPages(bytes: Uint8Array): Promise<string[]> {
	const document = await getDocument({ data: new Uint8Array(bytes), useSystemFonts: false }).promise;
	const pages: string[] = [];
	for (let n = 1; n <= document.numPages; n++) {
		const content = await (await document.getPage(n)).getTextContent();
		pages.push(
			content.items
				.map((item) => ('str' in item ? item.str + (item.hasEOL ? '\n' : '') : ''))
				.join('')
				.replace(/[ \t]+/g, ' ')
		);
	}
	await document.destroy();
	return pages;
}

export async function pdfInfo(bytes: Uint8Array) {
	const document = await getDocument({ data: new Uint8Array(bytes) }).promise;
	const info = (await document.getMetadata()).info as Record<string, string>;
	await document.destroy();
	return info;
}

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

/** Each page's pieces of text with their size and height on the page (y grows upward, as in PDF). */
export async function pdfTextRuns(bytes: Uint8Array): Promise<{ str: string; size: number; y: number }[][]> {
	const document = await getDocument({ data: new Uint8Array(bytes), useSystemFonts: false }).promise;
	const pages: { str: string; size: number; y: number }[][] = [];
	for (let n = 1; n <= document.numPages; n++) {
		const content = await (await document.getPage(n)).getTextContent();
		pages.push(
			content.items.flatMap((item) =>
				'str' in item && item.str.trim() ? [{ str: item.str, size: Math.round(Math.hypot(item.transform[2], item.transform[3]) * 10) / 10, y: item.transform[5] }] : []
			)
		);
	}
	await document.destroy();
	return pages;
}

/** The document outline (bookmarks), titles nested as the reader shows them. */
export async function pdfOutline(bytes: Uint8Array): Promise<{ title: string; items: { title: string }[] }[]> {
	const document = await getDocument({ data: new Uint8Array(bytes) }).promise;
	const outline = (await document.getOutline()) ?? [];
	await document.destroy();
	return outline.map((o) => ({ title: o.title, items: o.items.map((i) => ({ title: i.title })) }));
}

// The plan's diagrams as images for its web page: the same SVG strings the PDF draws (every text in them escaped), as
// data URLs, so the page needs no markup from strings; each sits beside a table that says the same in words.
import { journeyLegend, journeySvg, legendSvg, networkLegend, networkSvg, seriesChartSvg, tocLegend, tocSvg } from '$lib/diagrams/svg';
import type { PlanModel } from './model';

const url = (svg: string) => `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`;

export function planImages(m: PlanModel) {
	return {
		figures: m.figuresChart ? url(seriesChartSvg(m.figuresChart, 'Share of reports that were repeat episodes, by quarter')) : null,
		toc: m.toc ? url(tocSvg(m.toc.layout, 'Theory of change', m.toc.badges)) : null,
		tocLegend: url(legendSvg(tocLegend(), 900, 'Legend of the theory of change')),
		journey: url(journeySvg(m.journey.layout)),
		journeyLegend: url(legendSvg(journeyLegend(m.journey.sectors), 1000, 'Legend of the whole journey')),
		network: url(networkSvg(m.network.layout, m.network.handoffs)),
		networkLegend: url(legendSvg(networkLegend(m.network.sectors), 1000, 'Legend of the network'))
	};
}

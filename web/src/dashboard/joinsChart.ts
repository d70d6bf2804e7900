// Joins per day as an inline SVG bar chart, with a table that screen readers and text browsers read.
import { element } from "../shared/dom.js";

/** Joins counted on one day (YYYY-MM-DD, UTC). */
export interface DailyJoins {
  date: string;
  joins: number;
}

const SVG = "http://www.w3.org/2000/svg";
const WIDTH = 600;
const HEIGHT = 220;
const MARGIN = { top: 16, right: 12, bottom: 40, left: 40 };

function svgElement(tag: string, attributes: Record<string, string | number>, text?: string): SVGElement {
  const node = document.createElementNS(SVG, tag);
  for (const [name, value] of Object.entries(attributes)) node.setAttribute(name, String(value));
  if (text !== undefined) node.textContent = text;
  return node;
}

/** Draws one bar per day; the y axis starts at 0 and is labelled with the maximum. */
export function joinsChart(segmentId: string, days: readonly DailyJoins[]): SVGSVGElement {
  const total = days.reduce((sum, day) => sum + day.joins, 0);
  const svg = svgElement("svg", {
    viewBox: `0 0 ${WIDTH} ${HEIGHT}`,
    class: "chart",
    role: "img",
    "aria-labelledby": "joins-chart-title",
  }) as SVGSVGElement;
  svg.append(
    svgElement("title", { id: "joins-chart-title" }, `Joins per day for ${segmentId}: ${total} in ${days.length} days`),
  );
  const plotWidth = WIDTH - MARGIN.left - MARGIN.right;
  const plotHeight = HEIGHT - MARGIN.top - MARGIN.bottom;
  const maximum = Math.max(1, ...days.map((day) => day.joins));
  const slot = plotWidth / Math.max(1, days.length);
  const labelEvery = Math.max(1, Math.ceil(days.length / 8));
  const baseline = MARGIN.top + plotHeight;
  svg.append(
    svgElement("line", { class: "axis", x1: MARGIN.left, y1: baseline, x2: WIDTH - MARGIN.right, y2: baseline }),
    svgElement("line", { class: "axis", x1: MARGIN.left, y1: MARGIN.top, x2: MARGIN.left, y2: baseline }),
    svgElement("text", { x: MARGIN.left - 6, y: MARGIN.top + 4, "text-anchor": "end" }, String(maximum)),
    svgElement("text", { x: MARGIN.left - 6, y: baseline + 4, "text-anchor": "end" }, "0"),
  );
  days.forEach((day, i) => {
    const height = (day.joins / maximum) * plotHeight;
    const x = MARGIN.left + i * slot + slot * 0.15;
    const bar = svgElement("rect", { class: "bar", x, y: baseline - height, width: slot * 0.7, height });
    bar.append(svgElement("title", {}, `${day.date}: ${day.joins} joins`));
    svg.append(bar);
    if (i % labelEvery === 0) {
      svg.append(
        svgElement("text", { x: x + slot * 0.35, y: baseline + 16, "text-anchor": "middle" }, day.date.slice(5)),
      );
    }
  });
  return svg;
}

/** Lists the same numbers as a table. */
export function joinsTable(segmentId: string, days: readonly DailyJoins[]): HTMLTableElement {
  return element("table", {}, [
    element("caption", {}, [`Joins per day for ${segmentId}`]),
    element("thead", {}, [
      element("tr", {}, [element("th", { scope: "col" }, ["Day"]), element("th", { scope: "col" }, ["Joins"])]),
    ]),
    element(
      "tbody",
      {},
      days.map((day) => element("tr", {}, [element("td", {}, [day.date]), element("td", {}, [String(day.joins)])])),
    ),
  ]);
}

// The marketer's segments with verified counts, a joins chart and the audience CSV export.
import { apiRequest, type PublicSegment } from "../shared/api.js";
import { byId, element, showMessage } from "../shared/dom.js";
import { type AudienceMember, audienceToCsv, downloadCsv } from "./audienceCsv.js";
import { type DailyJoins, joinsChart, joinsTable } from "./joinsChart.js";

type CountResponse = { count: number } | { count: null; fewerThan: number };
interface AudiencePage {
  members: AudienceMember[];
  nextCursor: string | null;
  fewerThan?: number;
}
interface JoinsResponse {
  days: { day: string; count: number | null; fewerThan?: number }[];
}

/** Largest audience page the service returns. */
const AUDIENCE_PAGE = 1000;

function segmentPath(segmentId: string, suffix: string): string {
  return `/v1/segments/${encodeURIComponent(segmentId)}/${suffix}`;
}

/** Writes a count response as text; the service withholds counts below its k-anonymity threshold. */
export function countText(response: CountResponse): string {
  return response.count === null ? `fewer than ${response.fewerThan}` : String(response.count);
}

async function showJoins(apiKey: string, segmentId: string): Promise<void> {
  const status = byId("joins-status");
  const chart = byId("joins-chart");
  showMessage(status, `Loading joins for ${segmentId}…`);
  try {
    const { days } = await apiRequest<JoinsResponse>(segmentPath(segmentId, "joins"), { apiKey });
    const hidden = days.filter((day) => day.count === null);
    const shown: DailyJoins[] = days.map((day) => ({ date: day.day, joins: day.count ?? 0 }));
    chart.replaceChildren(joinsChart(segmentId, shown), joinsTable(segmentId, shown));
    const note =
      hidden.length > 0 ? ` ${hidden.length} days had fewer than ${hidden[0].fewerThan} joins and show as 0.` : "";
    showMessage(
      status,
      days.length === 0 ? `${segmentId} has no joins yet.` : `Joins per day for ${segmentId}.${note}`,
    );
    byId("joins-heading").focus();
  } catch (error) {
    chart.replaceChildren();
    showMessage(status, `Joins could not be loaded: ${(error as Error).message}`, "error");
  }
}

async function exportAudience(apiKey: string, segmentId: string): Promise<void> {
  const status = byId("segments-status");
  showMessage(status, `Exporting the audience of ${segmentId}…`);
  try {
    const members: AudienceMember[] = [];
    let cursor: string | null = null;
    do {
      const query: string = `?limit=${AUDIENCE_PAGE}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ""}`;
      const page: AudiencePage = await apiRequest<AudiencePage>(segmentPath(segmentId, "audience") + query, { apiKey });
      if (page.fewerThan !== undefined) {
        showMessage(status, `${segmentId} has fewer than ${page.fewerThan} members, so its audience is withheld.`);
        return;
      }
      members.push(...page.members);
      cursor = page.nextCursor;
    } while (cursor);
    downloadCsv(`${segmentId}-audience.csv`, audienceToCsv(members));
    showMessage(status, `Downloaded ${members.length} handles of ${segmentId} as CSV.`, "success");
  } catch (error) {
    showMessage(status, `The audience export failed: ${(error as Error).message}`, "error");
  }
}

async function segmentRow(apiKey: string, segment: PublicSegment): Promise<HTMLTableRowElement> {
  let count: string;
  try {
    count = countText(await apiRequest<CountResponse>(segmentPath(segment.id, "count"), { apiKey }));
  } catch (error) {
    count = `unavailable (${(error as Error).message})`;
  }
  const joinsButton = element("button", { type: "button", class: "secondary" }, ["Show joins"]);
  joinsButton.setAttribute("aria-label", `Show joins of ${segment.id}`);
  joinsButton.addEventListener("click", () => void showJoins(apiKey, segment.id));
  const exportButton = element("button", { type: "button", class: "secondary" }, ["Export CSV"]);
  exportButton.setAttribute("aria-label", `Export the audience of ${segment.id} as CSV`);
  exportButton.addEventListener("click", () => void exportAudience(apiKey, segment.id));
  return element("tr", { "data-segment-id": segment.id }, [
    element("th", { scope: "row", class: "wrap" }, [segment.id]),
    element("td", {}, [element("code", { class: "wrap" }, [segment.definition])]),
    element("td", { class: "count" }, [count]),
    element("td", {}, [element("div", { class: "actions" }, [joinsButton, exportButton])]),
  ]);
}

/** Loads the marketer's segments and their counts into the table. */
export async function refreshSegments(apiKey: string): Promise<void> {
  const status = byId("segments-status");
  const body = byId("segment-table").querySelector("tbody") as HTMLTableSectionElement;
  showMessage(status, "Loading your segments…");
  try {
    const { segments } = await apiRequest<{ segments: PublicSegment[] }>("/v1/segments", { apiKey });
    body.replaceChildren(...(await Promise.all(segments.map((segment) => segmentRow(apiKey, segment)))));
    showMessage(
      status,
      segments.length === 0 ? "You have no segments yet." : `${segments.length} segments, counts updated.`,
    );
  } catch (error) {
    showMessage(status, `Your segments could not be loaded: ${(error as Error).message}`, "error");
  }
}

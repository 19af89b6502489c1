// The export's browser side: read the CSV as it streams, count rows for the progress bar, then hand the file to
// the browser's downloads. Records end with CRLF and line breaks inside a cell are LF alone (lib/csv-writer.ts), so
// counting CRLFs counts rows without parsing quotes.

const endpoint = "/api/messages/export";
const TOTAL_HEADER = "X-Total-Count";
// "false" when the total is the planner's estimate (counting exactly would have taken too long).
const TOTAL_EXACT_HEADER = "X-Total-Exact";

export type ExportOutcome =
  | { ok: true; rows: number; fileName: string }
  | { ok: false; cancelled: boolean; message: string };

function fileNameOf(response: Response): string {
  const match = /filename="([^"]+)"/.exec(response.headers.get("Content-Disposition") ?? "");
  return match?.[1] ?? "messages.csv";
}

function save(parts: BlobPart[], fileName: string) {
  const url = URL.createObjectURL(new Blob(parts, { type: "text/csv;charset=utf-8" }));
  const link = document.createElement("a");
  link.href = url;
  link.download = fileName;
  document.body.append(link);
  link.click();
  link.remove();
  // The download has started from the URL; give the browser a moment before letting it go.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

export type ExportProgress = { rows: number; total: number; exact: boolean };

export async function downloadMessageExport(query: string, signal: AbortSignal, onProgress: (progress: ExportProgress) => void): Promise<ExportOutcome> {
  let response: Response;
  try {
    response = await fetch(`${endpoint}${query}`, { signal, headers: { Accept: "text/csv" } });
  } catch {
    if (signal.aborted) return { ok: false, cancelled: true, message: "Export cancelled." };
    return { ok: false, cancelled: false, message: "Could not reach Orderline. Check your connection and try again." };
  }
  if (!response.ok || !response.body) {
    const body = (await response.json().catch(() => null)) as { error?: string } | null;
    return { ok: false, cancelled: false, message: body?.error ?? "The export failed on our side. Please try again." };
  }
  const total = Number(response.headers.get(TOTAL_HEADER) ?? 0);
  const exact = response.headers.get(TOTAL_EXACT_HEADER) !== "false";
  const fileName = fileNameOf(response);
  const reader = response.body.getReader();
  const parts: Uint8Array[] = [];
  // The header row ends with the first CRLF; a CRLF may also be split across two pieces.
  let lineEnds = 0;
  let lastWasCr = false;
  onProgress({ rows: 0, total, exact });
  try {
    for (;;) {
      const { value, done } = await reader.read();
      if (done) break;
      parts.push(value);
      for (const byte of value) {
        if (byte === 0x0a && lastWasCr) lineEnds++;
        lastWasCr = byte === 0x0d;
      }
      onProgress({ rows: Math.max(0, lineEnds - 1), total, exact });
    }
  } catch {
    if (signal.aborted) return { ok: false, cancelled: true, message: "Export cancelled." };
    return { ok: false, cancelled: false, message: "The connection was lost during the export. Please try again." };
  }
  const rows = Math.max(0, lineEnds - 1);
  // A cut connection usually fails the read above; an exact total also catches a stream that ended early.
  if (exact && rows < total) return { ok: false, cancelled: false, message: `The export stopped after ${rows.toLocaleString("en-US")} of ${total.toLocaleString("en-US")} rows. Please try again.` };
  save(parts as BlobPart[], fileName);
  return { ok: true, rows, fileName };
}

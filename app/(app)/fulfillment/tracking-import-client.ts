import type { PreviewedVersion, TrackingImportPreview } from "@/lib/fulfillment/tracking-import";
import type { TrackingImportRequest, TrackingImportStreamLine } from "@/lib/fulfillment/tracking-import-schema";

// The dialog's two calls to /api/fulfillment/tracking-import: the preview (JSON) and the apply (NDJSON progress).

const endpoint = "/api/fulfillment/tracking-import";
const unreachable = "Could not reach Orderline. Check your connection and try again.";

type Failure = { ok: false; message: string };
export type ApplyOutcome = { ok: true; applied: number; shipped: number; corrected: number } | Failure;

async function post(body: TrackingImportRequest): Promise<Response | Failure> {
  try {
    return await fetch(endpoint, { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(body) });
  } catch {
    return { ok: false, message: unreachable };
  }
}

async function failureOf(response: Response): Promise<Failure> {
  const body = (await response.json().catch(() => null)) as { error?: string } | null;
  return { ok: false, message: body?.error ?? "Something went wrong on our side. Nothing was changed; please try again." };
}

export async function requestPreview(csv: string): Promise<{ ok: true; preview: TrackingImportPreview } | Failure> {
  const response = await post({ mode: "preview", csv });
  if (!(response instanceof Response)) return response;
  if (!response.ok) return failureOf(response);
  return { ok: true, preview: (await response.json()) as TrackingImportPreview };
}

export async function requestApply(csv: string, versions: PreviewedVersion[], onProgress: (done: number, total: number) => void): Promise<ApplyOutcome> {
  const response = await post({ mode: "apply", csv, versions });
  if (!(response instanceof Response)) return response;
  if (!response.ok || !response.body) return failureOf(response);
  const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = "";
  let outcome: ApplyOutcome | null = null;
  try {
    for (;;) {
      const { value, done } = await reader.read();
      if (done) break;
      buffer += value;
      let end: number;
      while ((end = buffer.indexOf("\n")) >= 0) {
        const text = buffer.slice(0, end).trim();
        buffer = buffer.slice(end + 1);
        if (!text) continue;
        const line = JSON.parse(text) as TrackingImportStreamLine;
        if (line.type === "progress") onProgress(line.done, line.total);
        else if (line.type === "done") outcome = { ok: true, applied: line.applied, shipped: line.shipped, corrected: line.corrected };
        else outcome = { ok: false, message: line.message };
      }
    }
  } catch {
    // Fall through: without a final line we cannot know whether the transaction committed.
  }
  // The import commits or rolls back as a whole on the server; only the answer was lost.
  return outcome ?? { ok: false, message: "The connection was lost before the import finished. Refresh the board to see whether it was applied." };
}

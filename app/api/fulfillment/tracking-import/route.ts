import { getDb } from "@/db/client";
import { screens } from "@/lib/auth/access";
import { requireApiRole, requireJsonBody } from "@/lib/auth/api-guard";
import { GENERIC_ERROR_MESSAGE, UserFacingError } from "@/lib/errors";
import { log } from "@/lib/log";
import { MAX_IMPORT_BYTES } from "@/lib/fulfillment/tracking-csv";
import { applyTrackingImport, previewTrackingImport, type TrackingImportResult } from "@/lib/fulfillment/tracking-import";
import { trackingImportRequestSchema, type TrackingImportStreamLine } from "@/lib/fulfillment/tracking-import-schema";
import { apiRoute } from "@/lib/api-route";
import { inputShapeProblem, statusOfShapeProblem } from "@/lib/security/input-shape";

// The fulfillment board's tracking import. A route handler rather than a server action: the file can be up to
// 2 MB (over the actions' 1 MB body limit), and applying streams its progress back line by line.

const tooLarge = "The file is larger than 2 MB; split it into smaller files.";

function errorMessage(error: unknown): string {
  if (error instanceof UserFacingError) return error.message;
  log.error("tracking import failed", { error });
  return GENERIC_ERROR_MESSAGE;
}

// Progress every 1% of the rows or every 25 rows, whichever comes first, plus the first and the last.
function progressStep(total: number): number {
  return Math.max(1, Math.min(25, Math.ceil(total / 100)));
}

function applyStream(run: (onProgress: (done: number, total: number) => Promise<void>) => Promise<TrackingImportResult>): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  // A closed tab does not stop the import: it commits or rolls back as a whole either way; we only stop writing.
  let open = true;
  const send = (controller: ReadableStreamDefaultController<Uint8Array>, line: TrackingImportStreamLine) => {
    if (!open) return;
    try {
      controller.enqueue(encoder.encode(`${JSON.stringify(line)}\n`));
    } catch {
      open = false;
    }
  };
  return new ReadableStream<Uint8Array>({
    start(controller) {
      let sent = -1;
      void run(async (done, total) => {
        if (done === 0 || done === total || done - sent >= progressStep(total)) {
          sent = done;
          send(controller, { type: "progress", done, total });
          // One turn of the event loop so the line reaches the socket now, not when the transaction ends.
          await new Promise((resolve) => setTimeout(resolve, 0));
        }
      })
        .then(({ applied, shipped, corrected }) => send(controller, { type: "done", applied, shipped, corrected }))
        .catch((error: unknown) => send(controller, { type: "error", message: errorMessage(error) }))
        .finally(() => {
          if (open) controller.close();
          open = false;
        });
    },
    cancel() {
      open = false;
    },
  });
}

export const POST = apiRoute("POST /api/fulfillment/tracking-import", async (request: Request) => {
  const user = await requireApiRole(screens.fulfillment.roles, request);
  if (user instanceof Response) return user;
  // A cross-site form can post text/plain without asking first; it cannot post JSON.
  const notJson = requireJsonBody(request);
  if (notJson) return notJson;
  // JSON escaping can grow the text; anything this large cannot be a file under the limit.
  if (Number(request.headers.get("content-length") ?? 0) > MAX_IMPORT_BYTES * 3) return Response.json({ error: tooLarge }, { status: 413 });

  let body: unknown;
  try {
    body = await request.json();
  } catch {
    return Response.json({ error: "The request is not valid JSON." }, { status: 400 });
  }
  const shape = inputShapeProblem(body);
  if (shape) return Response.json({ error: shape.message }, { status: statusOfShapeProblem(shape) });
  const parsed = trackingImportRequestSchema.safeParse(body);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return Response.json({ error: issue?.code === "too_big" && issue.path[0] === "csv" ? tooLarge : "The request is not valid." }, { status: 400 });
  }
  const input = parsed.data;
  const db = await getDb();

  if (input.mode === "preview") {
    try {
      return Response.json(await previewTrackingImport(db, input.csv), { headers: { "Cache-Control": "no-store" } });
    } catch (error) {
      return Response.json({ error: errorMessage(error) }, { status: error instanceof UserFacingError ? 422 : 500 });
    }
  }

  const actor = { type: "user", userId: user.id } as const;
  const stream = applyStream((onProgress) => applyTrackingImport(db, { csv: input.csv, versions: input.versions, actor, onProgress }));
  return new Response(stream, { headers: { "Content-Type": "application/x-ndjson; charset=utf-8", "Cache-Control": "no-store" } });
});

import { createHmac, randomBytes, randomUUID } from "node:crypto";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { DatabaseHandle } from "@/db/client";
import { messages, type Role } from "@/db/schema";
import { databaseChecksum } from "@/db/testing/database-checksum";
import { makeOrder, makeSession, makeUser } from "@/db/testing/fixtures";
import { createTestDatabase } from "@/db/testing/test-database";
import { GENERIC_ERROR_MESSAGE } from "@/lib/errors";
import { deepValue, hostileStrings, hostileValue, spoiled, toJson } from "./testing/hostile-values";

// The entry points the first round of fuzzing skipped (docs/security.md "Bad input"), end to end on a real database:
// the sign-in form, the Resend webhook (signed, so the payload itself is the attack), the tracking page's three forms
// and the CSV tracking import. Whatever arrives, the answer is a clear one — never a 500, never "something went
// wrong" — and a refusal writes nothing. Only the staff session is stood in for; sign-in runs Auth.js for real.

const env = vi.hoisted(() => {
  // The tracking page allows 10 posts per token a minute; the fuzzing sends more from one address.
  process.env.TRACKING_RATE_LIMIT_SCALE = "100";
  const secretBytes = Buffer.from("edge-input-webhook-secret-bytes!");
  process.env.RESEND_WEBHOOK_SECRET = `whsec_${secretBytes.toString("base64")}`;
  return { userId: null as string | null, sessionIds: {} as Record<string, string>, secretBytes };
});
vi.mock("@/lib/auth/config", async (importOriginal) => ({
  ...(await importOriginal<typeof import("@/lib/auth/config")>()),
  auth: async () => (env.userId ? { user: { id: env.userId, sessionId: env.sessionIds[env.userId] } } : null),
}));
vi.mock("next/cache", () => ({ revalidatePath: () => {}, revalidateTag: () => {} }));
vi.mock("next/headers", () => ({
  headers: async () => new Headers({ host: "localhost:3000", "user-agent": "edge-input" }),
  cookies: async () => ({ get: () => undefined, set: () => {} }),
}));

// Enough to reach every branch above (each was seen failing before its fix), few enough for `npm test`.
const RUNS = 20;
let handle: DatabaseHandle;
const users = {} as Record<Role, string>;
let open: { id: string; number: string; token: string };
let delivered: { token: string };
let message: { id: string; providerMessageId: string };
const globalForDb = globalThis as unknown as { __orderlineDb?: Promise<DatabaseHandle> };

beforeAll(async () => {
  handle = await createTestDatabase();
  globalForDb.__orderlineDb = Promise.resolve(handle);
  const db = handle.db;
  for (const role of ["rep", "fulfillment", "supervisor", "admin"] as const) {
    users[role] = (await makeUser(db, { role })).id;
    env.sessionIds[users[role]] = (await makeSession(db, users[role])).sessionId;
  }
  const made = await makeOrder(db, { status: "processing" });
  open = { id: made.id, number: made.number, token: made.trackingToken };
  delivered = { token: (await makeOrder(db, { status: "delivered", deliveredAt: new Date() })).trackingToken };
  const [row] = await db
    .insert(messages)
    .values({
      orderId: made.id,
      customerId: made.customerId,
      channel: "email",
      template: "shipped",
      toAddress: "ada@example.com",
      subject: "Shipped",
      bodyText: "Your order shipped",
      status: "sent",
      senderType: "system",
      provider: "resend",
      providerMessageId: randomUUID(),
      idempotencyKey: randomUUID(),
      sentAt: new Date(),
    })
    .returning();
  message = { id: row!.id, providerMessageId: row!.providerMessageId! };
}, 120_000);

afterAll(async () => {
  delete process.env.TRACKING_RATE_LIMIT_SCALE;
  delete process.env.RESEND_WEBHOOK_SECRET;
  globalForDb.__orderlineDb = undefined;
  await handle?.close();
});

/** Runs `call`; when it was refused (by `refused`), nothing may have been written. */
async function refusalWritesNothing<T>(call: () => Promise<T>, refused: (answer: T) => boolean, ignore: string[] = []): Promise<T> {
  const sums = async () => Object.fromEntries(Object.entries(await databaseChecksum(handle.db)).filter(([table]) => !ignore.includes(table)));
  const before = await sums();
  const answer = await call();
  if (refused(answer)) expect(await sums(), `refused, yet written: ${JSON.stringify(answer).slice(0, 200)}`).toEqual(before);
  return answer;
}

const text = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...hostileStrings.filter((s) => s.length < 100_000)) },
  { weight: 2, arbitrary: fc.string({ unit: "binary", maxLength: 60 }) },
);

/* ---- Sign-in ------------------------------------------------------------------------------------------------- */

describe("the sign-in form", () => {
  type SignInState = { message?: string; fieldErrors?: Record<string, string[]> };
  const signIn = async (input: unknown): Promise<SignInState> => {
    const { signInWithPassword } = await import("@/app/(auth)/signin/actions");
    return signInWithPassword({}, input as FormData);
  };

  it("answers hostile emails, passwords and non-forms with a message, and signs no one in", async () => {
    const form = fc
      .record({ email: fc.oneof(text, fc.emailAddress()), password: fc.oneof(text, fc.string({ maxLength: 80 })), extra: fc.option(text, { nil: undefined }) })
      .map(({ email, password, extra }) => {
        const data = new FormData();
        data.set("email", email);
        data.set("password", password);
        if (extra !== undefined) data.set(extra.slice(0, 50) || "x", extra);
        return data;
      });
    const input = fc.oneof({ weight: 5, arbitrary: form }, { weight: 1, arbitrary: hostileValue }, { weight: 1, arbitrary: deepValue });
    await fc.assert(
      fc.asyncProperty(input, async (value) => {
        // Failed attempts are counted (rate_limits); nothing else may change.
        const state = await refusalWritesNothing(() => signIn(value), () => true, ["rate_limits"]);
        expect(state.message?.trim(), JSON.stringify(state)).toBeTruthy();
        expect(state.message).not.toBe(GENERIC_ERROR_MESSAGE);
      }),
      { seed: 8, numRuns: RUNS },
    );
  });
});

/* ---- The Resend webhook -------------------------------------------------------------------------------------- */

describe("the Resend webhook, correctly signed", () => {
  const sign = (id: string, timestamp: string, body: string) => `v1,${createHmac("sha256", env.secretBytes).update(`${id}.${timestamp}.${body}`).digest("base64")}`;

  async function deliver(body: string): Promise<{ status: number; json: Record<string, unknown> }> {
    const { POST } = await import("@/app/api/webhooks/resend/route");
    const id = `msg_${randomBytes(8).toString("hex")}`;
    const timestamp = String(Math.floor(Date.now() / 1000));
    const response = await POST(new Request("http://localhost/api/webhooks/resend", { method: "POST", headers: { "svix-id": id, "svix-timestamp": timestamp, "svix-signature": sign(id, timestamp, body) }, body }), undefined);
    return { status: response.status, json: (await response.json()) as Record<string, unknown> };
  }

  const validEvent = () => ({
    type: "email.bounced",
    created_at: "2026-11-24T16:00:00.000Z",
    data: { email_id: message.providerMessageId, tags: { message_id: message.id }, bounce: { message: "Mailbox full", type: "Transient", subType: "General" } },
  });

  it("takes a real event (the fuzzing below would be empty otherwise)", async () => {
    expect(await deliver(JSON.stringify(validEvent()))).toMatchObject({ status: 200, json: { received: true } });
  });

  it("answers hostile payloads with 200 or a clear 4xx, never a 500, and writes nothing when it refuses", async () => {
    const body = fc.oneof(
      { weight: 4, arbitrary: spoiled(validEvent()).map(toJson) },
      { weight: 4, arbitrary: fc.record({ data: spoiled(validEvent().data) }).map((v) => toJson({ ...validEvent(), ...v })) },
      { weight: 2, arbitrary: fc.record({ bounce: spoiled(validEvent().data.bounce) }).map((v) => toJson({ ...validEvent(), data: { ...validEvent().data, ...v } })) },
      // Escapes JSON can carry and PostgreSQL's jsonb cannot: a NUL, half a surrogate pair.
      { weight: 1, arbitrary: fc.constantFrom("\\u0000", "\\ud800", "\\udfff x").map((escape) => JSON.stringify(validEvent()).replace("Mailbox full", `Mailbox ${escape} full`)) },
      { weight: 1, arbitrary: fc.constantFrom(...hostileStrings.filter((s) => s.length < 60_000)) },
    );
    await fc.assert(
      fc.asyncProperty(body, async (text) => {
        const answer = await refusalWritesNothing(() => deliver(text), (a) => a.status >= 400);
        expect([200, 400, 409, 413], `${answer.status} ${JSON.stringify(answer.json).slice(0, 200)} for ${text.slice(0, 120)}`).toContain(answer.status);
        if (answer.status >= 400) expect(String(answer.json.error ?? "").trim()).toBeTruthy();
      }),
      { seed: 8, numRuns: RUNS * 2 },
    );
  });

  it("an event dated in year 0 or 275760 is recorded at its arrival, not refused by the database", async () => {
    for (const created_at of ["0000-01-01T00:00:00Z", "+275760-09-13T00:00:00.000Z", "-000001-01-01T00:00:00Z"]) {
      expect(await deliver(JSON.stringify({ ...validEvent(), type: "email.delivery_delayed", created_at })), created_at).toMatchObject({ status: 200 });
    }
  });
});

/* ---- The tracking page's three forms ------------------------------------------------------------------------- */

type TrackingForm = "askQuestion" | "requestChange" | "rateDelivery";

/** Where a tracking form sent the customer back to: its query (done=… or error=…), or "404". */
async function submit(name: TrackingForm, input: FormData | unknown): Promise<string> {
  const action = ((await import("@/app/track/[token]/actions")) as Record<TrackingForm, (form: unknown) => Promise<void>>)[name];
  try {
    await action(input);
  } catch (error) {
    const digest = (error as { digest?: string }).digest ?? "";
    const url = digest.split(";")[2];
    if (digest.startsWith("NEXT_REDIRECT") && url) return new URL(url, "http://localhost").search.slice(1);
    if (digest === "NEXT_HTTP_ERROR_FALLBACK;404") return "404";
    throw error;
  }
  throw new Error("the tracking form did not redirect");
}

const formOf = (token: string, fields: [string, string][]) => {
  const form = new FormData();
  form.set("token", token);
  for (const [key, value] of fields) form.append(key, value);
  return form;
};

describe("the tracking page's forms", () => {
  const dates = fc.constantFrom("0000-01-01", "275760-09-13", "2026-02-30", "", "tomorrow", new Date(Date.now() + 3 * 86_400_000).toISOString().slice(0, 10));
  const field = (names: string[]) => fc.tuple(fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...names) }, { weight: 1, arbitrary: text }), fc.oneof(text, dates, fc.constantFrom("1", "5", "NaN", "Infinity", "-0", "1e309", "0x5")));
  const fields: Record<TrackingForm, string[]> = {
    askQuestion: ["body"],
    requestChange: ["kind", "reason", "deliveryDate", "itemsNote", "quantity.SKU-1", "address.name", "address.line1", "address.city", "address.postalCode", "address.country"],
    rateDelivery: ["rating", "comment"],
  };
  const kinds = fc.constantFrom("change_address", "change_items", "change_delivery_date", "cancel");

  it.each(["askQuestion", "requestChange", "rateDelivery"] as const)("%s: hostile fields get the form's own message, never 'something went wrong'", async (name) => {
    const token = name === "rateDelivery" ? delivered.token : open.token;
    const form = fc.tuple(kinds, fc.array(field(fields[name]), { maxLength: 6 })).map(([kind, pairs]) => formOf(token, name === "requestChange" ? [["kind", kind], ...pairs] : pairs));
    await fc.assert(
      fc.asyncProperty(form, async (data) => {
        const outcome = await refusalWritesNothing(() => submit(name, data), (o) => o.startsWith("error"), ["rate_limits"]);
        expect(outcome, JSON.stringify([...data.entries()]).slice(0, 200)).toMatch(/^(done|error)=[a-z-]+$/);
        expect(outcome).not.toBe("error=failed");
      }),
      { seed: 8, numRuns: RUNS },
    );
  });

  it.each(["askQuestion", "requestChange", "rateDelivery"] as const)("%s: anything but a form names no order (404)", async (name) => {
    for (const value of [undefined, null, "token", { token: open.token }, [open.token]]) {
      expect(await refusalWritesNothing(() => submit(name, value), () => true), JSON.stringify(value)).toBe("404");
    }
  });
});

/* ---- The CSV tracking import --------------------------------------------------------------------------------- */

describe("the CSV tracking import", () => {
  async function post(body: unknown): Promise<{ status: number; text: string }> {
    const { POST } = await import("@/app/api/fulfillment/tracking-import/route");
    env.userId = users.fulfillment;
    try {
      const response = await POST(new Request("http://localhost/api/fulfillment/tracking-import", { method: "POST", headers: { "content-type": "application/json" }, body: toJson(body) }), undefined);
      return { status: response.status, text: await response.text() };
    } finally {
      env.userId = null;
    }
  }

  const cell = fc.oneof(
    { weight: 3, arbitrary: text },
    { weight: 2, arbitrary: fc.constantFrom("UPS", "fedex", "Other", "DHL", "1Z999AA10123456784", "9400111899223100000000", "Acme Freight", "https://track.example/{tracking}") },
    { weight: 2, arbitrary: fc.constant("ORDER") },
  );
  const quoted = (value: string) => (/[",\r\n]/.test(value) && value.length % 3 !== 0 ? `"${value.replaceAll('"', '""')}"` : value);
  const csv = fc
    .tuple(
      fc.constantFrom("order,carrier,tracking", "Order Number,Carrier,Tracking Number,Carrier Name,Tracking URL", "order;carrier;tracking", "\uFEFForder,carrier,tracking,notes", "tracking,order"),
      fc.array(fc.array(cell, { minLength: 1, maxLength: 5 }), { maxLength: 5 }),
      fc.constantFrom("\n", "\r\n", "\r"),
    )
    .map(([header, rows, eol]) => [header, ...rows.map((r) => r.map((c) => quoted(c === "ORDER" ? open.number : c)).join(","))].join(eol));

  it("previews and applies hostile files with a clear answer, never a 500; a refused file changes nothing", async () => {
    const file = fc.oneof({ weight: 6, arbitrary: csv }, { weight: 1, arbitrary: text });
    await fc.assert(
      fc.asyncProperty(file, async (text) => {
        const preview = await refusalWritesNothing(() => post({ mode: "preview", csv: text }), () => true);
        expect([200, 400, 413, 422], preview.text.slice(0, 200)).toContain(preview.status);
        const previewJson = JSON.parse(preview.text) as { error?: string; rows?: { orderId: string | null; version: number | null }[] };
        if (preview.status !== 200) {
          expect(previewJson.error?.trim()).toBeTruthy();
          expect(previewJson.error).not.toBe(GENERIC_ERROR_MESSAGE);
          return;
        }
        const versions = previewJson.rows!.flatMap((r) => (r.orderId && r.version ? [{ orderId: r.orderId, version: r.version }] : []));
        const applied = await post({ mode: "apply", csv: text, versions });
        expect(applied.status, applied.text.slice(0, 200)).toBe(200);
        const last = JSON.parse(applied.text.trim().split("\n").at(-1)!) as { type: string; message?: string };
        expect(["done", "error"]).toContain(last.type);
        if (last.type === "error") expect(last.message).not.toBe(GENERIC_ERROR_MESSAGE);
      }),
      { seed: 8, numRuns: RUNS },
    );
  });

  it("refuses spoiled requests (deep, wide, wrong types) with a clear 4xx and changes nothing", async () => {
    const valid = { mode: "apply", csv: `order,carrier,tracking\n${open.number},UPS,1Z999AA10123456784\n`, versions: [{ orderId: open.id, version: 1 }] };
    await fc.assert(
      fc.asyncProperty(spoiled(valid), async (body) => {
        const answer = await refusalWritesNothing(() => post(body), (a) => a.status >= 400);
        expect(answer.status, answer.text.slice(0, 200)).not.toBe(500);
        if (answer.status >= 400) expect((JSON.parse(answer.text) as { error: string }).error).not.toBe(GENERIC_ERROR_MESSAGE);
      }),
      { seed: 8, numRuns: RUNS },
    );
  });
});

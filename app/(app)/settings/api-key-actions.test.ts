import { eq } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import type { DatabaseHandle } from "@/db/client";
import { apiKeys } from "@/db/schema";
import { databaseChecksum } from "@/db/testing/database-checksum";
import { makeSession, makeUser } from "@/db/testing/fixtures";
import { createTestDatabase } from "@/db/testing/test-database";

// Settings → API keys, through the real action wrapper and a real database: only the session is stood in for, and
// revalidation, which needs a running Next.js server.

const session = vi.hoisted(() => ({ userId: null as string | null, sessionId: null as string | null }));
vi.mock("@/lib/auth/config", () => ({ auth: async () => (session.userId ? { user: { id: session.userId, sessionId: session.sessionId } } : null) }));
vi.mock("next/cache", () => ({ revalidatePath: () => {} }));

const { createApiKeyAction } = await import("./api-key-actions");

describe("creating an API key from Settings", () => {
  let handle: DatabaseHandle;
  const globalForDb = globalThis as unknown as { __orderlineDb?: Promise<DatabaseHandle> };

  beforeAll(async () => {
    handle = await createTestDatabase();
    // The app's database handle (db/client.ts getDb) is this test's database.
    globalForDb.__orderlineDb = Promise.resolve(handle);
  });
  afterAll(async () => {
    globalForDb.__orderlineDb = undefined;
    await handle?.close();
  });
  beforeEach(async () => {
    session.userId = (await makeUser(handle.db, { role: "admin" })).id;
    session.sessionId = (await makeSession(handle.db, session.userId)).sessionId;
  });

  const keyRow = async (id: string) => (await handle.db.select().from(apiKeys).where(eq(apiKeys.id, id)))[0]!;

  it("stores the purpose and the carriers chosen, each carrier once and in the usual order", async () => {
    const created = await createApiKeyAction({ name: "UPS and DHL feed", purpose: "carrier_events", carriers: ["dhl", "ups", "dhl"] });
    if (!created.ok) throw new Error(created.message);
    expect(await keyRow(created.data.id)).toMatchObject({ name: "UPS and DHL feed", purpose: "carrier_events", carriers: ["ups", "dhl"] });

    const both = await createApiKeyAction({ name: "Shop with its own courier", purpose: "both", carriers: ["other"] });
    if (!both.ok) throw new Error(both.message);
    expect(await keyRow(both.data.id)).toMatchObject({ purpose: "both", carriers: ["other"] });

    const shop = await createApiKeyAction({ name: "Storefront", purpose: "order_intake" });
    if (!shop.ok) throw new Error(shop.message);
    expect(await keyRow(shop.data.id)).toMatchObject({ purpose: "order_intake", carriers: [] });
  });

  it("takes a form's single checkbox as a list of one", async () => {
    const form = new FormData();
    form.set("name", "FedEx feed");
    form.set("purpose", "carrier_events");
    form.set("carriers", "fedex");
    const created = await createApiKeyAction(form);
    if (!created.ok) throw new Error(created.message);
    expect((await keyRow(created.data.id)).carriers).toEqual(["fedex"]);
  });

  it("asks for a purpose, refuses carriers on an order-intake key and unknown carriers, and writes nothing", async () => {
    const before = await databaseChecksum(handle.db);
    const noPurpose = await createApiKeyAction({ name: "Undecided" } as never);
    expect(noPurpose).toMatchObject({ ok: false, fieldErrors: { purpose: ["Choose what the key is for: order intake, carrier events, or both"] } });
    const wrongPurpose = await createApiKeyAction({ name: "Undecided", purpose: "everything" } as never);
    expect(wrongPurpose).toMatchObject({ ok: false, fieldErrors: { purpose: [expect.stringMatching(/^Choose what the key is for/)] } });

    const intakeWithCarriers = await createApiKeyAction({ name: "Shop", purpose: "order_intake", carriers: ["ups"] });
    expect(intakeWithCarriers).toMatchObject({
      ok: false,
      fieldErrors: { carriers: ["Carriers limit carrier events: choose them only for a key that sends carrier events"] },
    });

    const unknown = await createApiKeyAction({ name: "Feed", purpose: "carrier_events", carriers: ["ups", "pigeon"] });
    expect(unknown).toMatchObject({ ok: false, fieldErrors: { carriers: ['Unknown carrier "pigeon": choose from ups, usps, fedex, dhl, other'] } });
    const notText = await createApiKeyAction({ name: "Feed", purpose: "carrier_events", carriers: [{ carrier: "ups" }] });
    expect(notText).toMatchObject({ ok: false, fieldErrors: { "carriers.0": ["Carriers must be carrier names"] } });

    expect(await databaseChecksum(handle.db)).toEqual(before);
  });

  it("is for admins only", async () => {
    session.userId = (await makeUser(handle.db, { role: "supervisor" })).id;
    session.sessionId = (await makeSession(handle.db, session.userId)).sessionId;
    const before = await databaseChecksum(handle.db);
    expect(await createApiKeyAction({ name: "Sneaky", purpose: "both" })).toEqual({ ok: false, message: "Your role does not allow this action." });
    expect(await databaseChecksum(handle.db)).toEqual(before);
  });
});

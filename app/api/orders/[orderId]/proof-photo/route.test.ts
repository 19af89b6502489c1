import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { DatabaseHandle } from "@/db/client";
import { makeOrder, makeSession, makeUser } from "@/db/testing/fixtures";
import { createTestDatabase } from "@/db/testing/test-database";
import { recordProofOfDelivery } from "@/lib/orders/proof-of-delivery";
import { createFileStorage, type FileStorage } from "@/lib/storage/file-storage";
import { S3FileStorage } from "@/lib/storage/s3-file-storage";
import { startS3TestServer } from "@/lib/storage/s3-test-server";
import type { StorageConfig } from "@/lib/storage/storage-config";
import { photoWithLocation } from "@/lib/storage/testing/image-fixtures";

// The photo route on both stores (the local disk and an S3-compatible bucket through the real SDK and s3rver), on a
// real database: what it serves carries no location and is kept by no cache. Stood in for: the session (Auth.js's
// auth()) and which store the app was configured with.

const session = vi.hoisted(() => ({ userId: null as string | null, sessionId: null as string | null }));
const configured = vi.hoisted(() => ({ storage: null as FileStorage | null }));
vi.mock("@/lib/auth/config", () => ({ auth: async () => (session.userId ? { user: { id: session.userId, sessionId: session.sessionId } } : null) }));
vi.mock("@/lib/storage/file-storage", async (importOriginal) => ({
  ...(await importOriginal<typeof import("@/lib/storage/file-storage")>()),
  getFileStorage: () => configured.storage!,
}));

const { GET } = await import("./route");

const stores: { name: string; start(): Promise<{ config: StorageConfig; close(): Promise<void> }> }[] = [
  {
    name: "local disk",
    async start() {
      const root = await mkdtemp(path.join(tmpdir(), "orderline-photo-route-"));
      return { config: { kind: "local", dir: root }, close: () => rm(root, { recursive: true, force: true }) };
    },
  },
  {
    name: "S3-compatible store",
    async start() {
      const server = await startS3TestServer();
      return { config: { kind: "s3", ...server.config }, close: () => server.close() };
    },
  },
];

const globalForDb = globalThis as unknown as { __orderlineDb?: Promise<DatabaseHandle> };
const text = (bytes: ArrayBuffer | Uint8Array) => Buffer.from(bytes as ArrayBuffer).toString("latin1");

describe.each(stores)("GET /api/orders/[orderId]/proof-photo on $name", ({ start }) => {
  let handle: DatabaseHandle;
  let close: () => Promise<void>;
  let storage: FileStorage;
  let fulfillmentId: string;

  beforeAll(async () => {
    handle = await createTestDatabase();
    globalForDb.__orderlineDb = Promise.resolve(handle);
    const started = await start();
    close = started.close;
    storage = createFileStorage(started.config);
    configured.storage = storage;
    fulfillmentId = (await makeUser(handle.db, { role: "fulfillment" })).id;
    session.sessionId = (await makeSession(handle.db, fulfillmentId)).sessionId;
  });
  afterAll(async () => {
    globalForDb.__orderlineDb = undefined;
    if (storage instanceof S3FileStorage) storage.close();
    await close?.();
    await handle?.close();
  });

  const get = (orderId: string) => GET(new Request(`http://localhost/api/orders/${orderId}/proof-photo`), { params: Promise.resolve({ orderId }) });
  const orderWithProof = async () => {
    const order = await makeOrder(handle.db, { status: "out_for_delivery", shippedAt: new Date("2026-11-24T18:00:00Z") });
    const photo = await photoWithLocation("jpeg");
    const { proof } = await recordProofOfDelivery(handle.db, {
      orderId: order.id,
      recipientName: "Ada Lovelace",
      receivedAt: new Date("2026-11-27T20:00:00Z"),
      photo: { bytes: photo, contentType: "image/jpeg" },
      actor: { type: "user", userId: fulfillmentId },
      storage,
      at: new Date("2026-11-27T21:00:00Z"),
    });
    return { order, proof };
  };

  it("serves the uploaded photo with Cache-Control: private, no-store and without its location", async () => {
    const { order } = await orderWithProof();
    session.userId = fulfillmentId;
    const response = await get(order.id);
    expect(response.status).toBe(200);
    expect(response.headers.get("cache-control")).toBe("private, no-store");
    expect(response.headers.get("content-type")).toBe("image/jpeg");
    expect(response.headers.get("x-content-type-options")).toBe("nosniff");
    const body = await response.arrayBuffer();
    expect(response.headers.get("content-length")).toBe(String(body.byteLength));
    expect(text(body)).not.toContain("LeakyCam");
    expect(text(body)).not.toContain("GPS");
  });

  it("strips a photo stored before uploads were stripped, on the way out", async () => {
    const { order, proof } = await orderWithProof();
    // As an older version stored it: the phone's file as it came.
    await storage.put(proof.photoKey!, await photoWithLocation("jpeg"), "image/jpeg");
    expect(text((await storage.get(proof.photoKey!))!.bytes)).toContain("LeakyCam");
    session.userId = fulfillmentId;
    const response = await get(order.id);
    expect(response.status).toBe(200);
    expect(response.headers.get("cache-control")).toBe("private, no-store");
    expect(text(await response.arrayBuffer())).not.toContain("LeakyCam");
  });

  it("does not serve a stored file it cannot check, and says why", async () => {
    const { order, proof } = await orderWithProof();
    await storage.put(proof.photoKey!, new Uint8Array([0xff, 0xd8, 0xff, 0xe1, 0x7f, 0xff, 0x45, 0x78]), "image/jpeg");
    session.userId = fulfillmentId;
    const response = await get(order.id);
    expect(response.status).toBe(404);
    expect(await response.json()).toEqual({ error: "This photo cannot be shown: the stored file is damaged." });
  });

  it("answers 401 without a session", async () => {
    const { order } = await orderWithProof();
    session.userId = null;
    expect((await get(order.id)).status).toBe(401);
  });
});

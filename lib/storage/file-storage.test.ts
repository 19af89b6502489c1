import { randomBytes } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createFileStorage, type FileStorage } from "./file-storage";
import { S3FileStorage } from "./s3-file-storage";
import { startS3TestServer, type S3TestServer } from "./s3-test-server";
import type { StorageConfig } from "./storage-config";

// One contract for every store: the local disk (one machine) and an S3-compatible bucket (several instances),
// the latter through the real AWS SDK against a local S3-compatible server.

const stores: { name: string; start(): Promise<{ config: StorageConfig; close(): Promise<void> }> }[] = [
  {
    name: "local disk",
    async start() {
      const root = await mkdtemp(path.join(tmpdir(), "orderline-storage-"));
      return { config: { kind: "local", dir: path.join(root, "uploads") }, close: () => rm(root, { recursive: true, force: true }) };
    },
  },
  {
    name: "S3-compatible store",
    async start() {
      const server: S3TestServer = await startS3TestServer();
      return { config: { kind: "s3", ...server.config }, close: () => server.close() };
    },
  },
];

describe.each(stores)("file storage contract: $name", ({ start }) => {
  let config: StorageConfig;
  let close: () => Promise<void>;
  let storage: FileStorage;
  beforeAll(async () => {
    ({ config, close } = await start());
    storage = createFileStorage(config);
  });
  afterAll(async () => {
    if (storage instanceof S3FileStorage) storage.close();
    await close?.();
  });

  it("stores bytes with their content type and overwrites them", async () => {
    const key = "pod/8b1c6a5e-0000-4000-8000-000000000001/photo.png";
    await storage.put(key, new Uint8Array([1, 2, 3]), "image/png");
    expect(await storage.get(key)).toEqual({ bytes: new Uint8Array([1, 2, 3]), contentType: "image/png" });

    await storage.put(key, new Uint8Array([9]), "image/jpeg");
    expect(await storage.get(key)).toEqual({ bytes: new Uint8Array([9]), contentType: "image/jpeg" });
  });

  it("keeps a photo-sized binary byte for byte", async () => {
    const bytes = new Uint8Array(randomBytes(3 * 1024 * 1024 + 17));
    await storage.put("pod/large/photo.jpg", bytes, "image/jpeg");
    const file = await storage.get("pod/large/photo.jpg");
    expect(file?.contentType).toBe("image/jpeg");
    expect(Buffer.from(file!.bytes).equals(Buffer.from(bytes))).toBe(true);
  });

  it("deletes, answers null for a missing key, and deletes a missing key without complaint", async () => {
    const key = "pod/8b1c6a5e-0000-4000-8000-000000000002/photo.webp";
    await storage.put(key, new Uint8Array([4, 5]), "image/webp");
    await storage.put("pod/8b1c6a5e-0000-4000-8000-000000000002/other.webp", new Uint8Array([6]), "image/webp");
    await storage.delete(key);
    expect(await storage.get(key)).toBeNull();
    await expect(storage.delete(key)).resolves.toBeUndefined();
    // Only that key went.
    expect((await storage.get("pod/8b1c6a5e-0000-4000-8000-000000000002/other.webp"))?.bytes).toEqual(new Uint8Array([6]));
    expect(await storage.get("pod/none/missing.jpg")).toBeNull();
    await expect(storage.delete("pod/none/missing.jpg")).resolves.toBeUndefined();
  });

  it("is shared: a second store on the same settings (another app instance) reads and deletes what the first wrote", async () => {
    const other = createFileStorage(config);
    try {
      await storage.put("pod/shared/photo.png", new Uint8Array([7, 7]), "image/png");
      expect(await other.get("pod/shared/photo.png")).toEqual({ bytes: new Uint8Array([7, 7]), contentType: "image/png" });
      await other.delete("pod/shared/photo.png");
      expect(await storage.get("pod/shared/photo.png")).toBeNull();
    } finally {
      if (other instanceof S3FileStorage) other.close();
    }
  });

  it("refuses keys that could leave the root or clash with stored metadata", async () => {
    for (const key of ["../escape.png", "pod/../../escape.png", "/etc/passwd", "pod//x.png", "pod/x y.png", "pod/x.png.meta.json"]) {
      await expect(storage.put(key, new Uint8Array([1]), "image/png"), key).rejects.toThrow(/Refused storage key/);
      await expect(storage.get(key), key).rejects.toThrow(/Refused storage key/);
      await expect(storage.delete(key), key).rejects.toThrow(/Refused storage key/);
    }
  });
});

describe("S3-compatible store failures", () => {
  it("reports an unreachable store as an error, never as a missing file", async () => {
    const server = await startS3TestServer();
    await server.close();
    const storage = new S3FileStorage({ ...server.config });
    try {
      await expect(storage.get("pod/x/photo.png")).rejects.toThrow();
      await expect(storage.put("pod/x/photo.png", new Uint8Array([1]), "image/png")).rejects.toThrow();
    } finally {
      storage.close();
    }
  });

  it("reports a missing bucket as an error", async () => {
    const server = await startS3TestServer();
    const storage = new S3FileStorage({ ...server.config, bucket: "no-such-bucket" });
    try {
      await expect(storage.put("pod/x/photo.png", new Uint8Array([1]), "image/png")).rejects.toThrow(/bucket/i);
      await expect(storage.get("pod/x/photo.png")).rejects.toThrow(/bucket/i);
    } finally {
      storage.close();
      await server.close();
    }
  });
});

import { mkdtemp, readdir, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { detectImageType } from "./image-type";
import { LocalFileStorage } from "./local-file-storage";
import { storageKeyProblem } from "./storage-key";

describe("local file storage", () => {
  let root: string;
  let storage: LocalFileStorage;
  beforeAll(async () => {
    root = await mkdtemp(path.join(tmpdir(), "orderline-storage-"));
    storage = new LocalFileStorage(path.join(root, "uploads"));
  });
  afterAll(async () => {
    await rm(root, { recursive: true, force: true });
  });

  it("stores bytes with their content type, overwrites, and deletes", async () => {
    const key = "pod/8b1c6a5e-0000-4000-8000-000000000001/photo.png";
    await storage.put(key, new Uint8Array([1, 2, 3]), "image/png");
    expect(await storage.get(key)).toEqual({ bytes: new Uint8Array([1, 2, 3]), contentType: "image/png" });

    await storage.put(key, new Uint8Array([9]), "image/jpeg");
    expect(await storage.get(key)).toEqual({ bytes: new Uint8Array([9]), contentType: "image/jpeg" });

    await storage.delete(key);
    expect(await storage.get(key)).toBeNull();
    // Nothing left behind: no bytes, no metadata, no temp files.
    expect(await readdir(path.join(root, "uploads/pod/8b1c6a5e-0000-4000-8000-000000000001"))).toEqual([]);
  });

  it("answers null for a missing file and deletes a missing file without complaint", async () => {
    expect(await storage.get("pod/none/missing.jpg")).toBeNull();
    await expect(storage.delete("pod/none/missing.jpg")).resolves.toBeUndefined();
  });

  it("refuses keys that could leave the root", async () => {
    for (const key of ["../escape.png", "pod/../../escape.png", "/etc/passwd", "pod//x.png", "pod/./x.png", "pod\\x.png", "C:/x.png", "", "pod/x.png.meta.json", "pod/x y.png"]) {
      expect(storageKeyProblem(key), key).not.toBeNull();
      await expect(storage.put(key, new Uint8Array([1]), "image/png"), key).rejects.toThrow(/Refused storage key/);
      await expect(storage.get(key), key).rejects.toThrow(/Refused storage key/);
    }
    expect(await readdir(root)).toEqual(["uploads"]);
  });
});

describe("image type from bytes", () => {
  const bytes = (...parts: (string | number[])[]) => new Uint8Array(parts.flatMap((p) => (typeof p === "string" ? [...p].map((c) => c.charCodeAt(0)) : p)));
  const box = (major: string, ...compatible: string[]) => bytes([0, 0, 0, 16 + 4 * compatible.length], "ftyp", major, [0, 0, 0, 0], ...compatible);

  it("recognises JPEG, PNG, WebP and HEIC, whatever the file was called", () => {
    expect(detectImageType(bytes([0xff, 0xd8, 0xff, 0xe0]))?.contentType).toBe("image/jpeg");
    expect(detectImageType(bytes([0x89], "PNG", [0x0d, 0x0a, 0x1a, 0x0a, 0]))?.contentType).toBe("image/png");
    expect(detectImageType(bytes("RIFF", [0, 0, 0, 0], "WEBPVP8 "))?.contentType).toBe("image/webp");
    expect(detectImageType(box("heic", "mif1", "heic"))?.contentType).toBe("image/heic");
    expect(detectImageType(box("mif1", "mif1", "heic"))?.contentType).toBe("image/heic");
  });

  it("refuses anything else: PDF, GIF, AVIF, MP4, too short", () => {
    expect(detectImageType(bytes("%PDF-1.7\n"))).toBeNull();
    expect(detectImageType(bytes("GIF89a"))).toBeNull();
    expect(detectImageType(box("avif", "mif1", "avif"))).toBeNull();
    expect(detectImageType(box("mif1", "mif1", "avif"))).toBeNull();
    expect(detectImageType(box("isom", "isom", "mp41"))).toBeNull();
    expect(detectImageType(bytes([0xff, 0xd8]))).toBeNull();
  });
});

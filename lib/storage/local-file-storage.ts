import { randomUUID } from "node:crypto";
import { mkdir, readFile, rename, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import type { FileStorage, StoredFile } from "./file-storage";
import { checkedStorageKey, META_SUFFIX } from "./storage-key";

// The content type sits in a small file beside the bytes (META_SUFFIX), as an object store keeps it in the
// object's metadata.

/** Files on the local disk under one root folder. Fine for one app instance; several instances need a shared store. */
export class LocalFileStorage implements FileStorage {
  constructor(private readonly root: string) {}

  private pathOf(key: string): string {
    const full = path.resolve(this.root, checkedStorageKey(key));
    // A second guard: whatever the key, the file stays under the root.
    if (!full.startsWith(path.resolve(this.root) + path.sep)) throw new Error(`Refused storage key ${JSON.stringify(key)}: outside the root`);
    return full;
  }

  async put(key: string, bytes: Uint8Array, contentType: string): Promise<void> {
    const full = this.pathOf(key);
    await mkdir(path.dirname(full), { recursive: true });
    // Metadata first, then the bytes by rename: a reader never sees bytes without their type, nor half a file.
    await writeFile(full + META_SUFFIX, JSON.stringify({ contentType }));
    const temp = `${full}.${randomUUID()}.tmp`;
    try {
      await writeFile(temp, bytes);
      await rename(temp, full);
    } catch (error) {
      await rm(temp, { force: true });
      throw error;
    }
  }

  async get(key: string): Promise<StoredFile | null> {
    const full = this.pathOf(key);
    let bytes: Buffer;
    try {
      bytes = await readFile(full);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === "ENOENT") return null;
      throw error;
    }
    let contentType = "application/octet-stream";
    try {
      const meta = JSON.parse(await readFile(full + META_SUFFIX, "utf8")) as { contentType?: unknown };
      if (typeof meta.contentType === "string") contentType = meta.contentType;
    } catch {
      // Bytes without metadata: served as opaque bytes rather than guessed.
    }
    return { bytes: new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength), contentType };
  }

  async delete(key: string): Promise<void> {
    const full = this.pathOf(key);
    await rm(full, { force: true });
    await rm(full + META_SUFFIX, { force: true });
  }
}

import "server-only";
import path from "node:path";
import { LocalFileStorage } from "./local-file-storage";

// Uploaded files (proof-of-delivery photos) live outside the database: rows keep the key, the bytes live here.

export type StoredFile = { bytes: Uint8Array; contentType: string };

export interface FileStorage {
  /** Writes (or overwrites) the file under this key. Keys are made by us, never taken from a client. */
  put(key: string, bytes: Uint8Array, contentType: string): Promise<void>;
  /** The file, or null when nothing is stored under this key. */
  get(key: string): Promise<StoredFile | null>;
  /** Removes the file; removing one that is not there is not an error. */
  delete(key: string): Promise<void>;
}

let configured: FileStorage | undefined;

/**
 * The storage the app uses. Only the local disk for now (UPLOAD_DIR, default .data/uploads); an S3-compatible
 * store comes later behind the same interface, chosen here by an environment variable, so callers do not change.
 */
export function getFileStorage(): FileStorage {
  configured ??= new LocalFileStorage(path.resolve(/* turbopackIgnore: true */ process.cwd(), process.env.UPLOAD_DIR ?? ".data/uploads"));
  return configured;
}

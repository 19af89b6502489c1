import { LocalFileStorage } from "./local-file-storage";
import { S3FileStorage } from "./s3-file-storage";
import { storageConfigFrom } from "./storage-config";

// Uploaded files (proof-of-delivery photos) live outside the database: rows keep the key, the bytes live here.
// Not marked "server-only": the worker script (`npm run worker`) deletes photos in the retention run and imports it.

export type StoredFile = { bytes: Uint8Array; contentType: string };

export interface FileStorage {
  /** Writes (or overwrites) the file under this key. Keys are made by us, never taken from a client. */
  put(key: string, bytes: Uint8Array, contentType: string): Promise<void>;
  /** The file, or null when nothing is stored under this key. */
  get(key: string): Promise<StoredFile | null>;
  /** Removes the file; removing one that is not there is not an error. */
  delete(key: string): Promise<void>;
}

/** The store these settings describe: an S3-compatible bucket, or a folder on the local disk. */
export function createFileStorage(config = storageConfigFrom()): FileStorage {
  return config.kind === "s3" ? new S3FileStorage(config) : new LocalFileStorage(config.dir);
}

let configured: FileStorage | undefined;

/** The storage the app uses (lib/storage/storage-config.ts): one per process. */
export function getFileStorage(): FileStorage {
  configured ??= createFileStorage();
  return configured;
}

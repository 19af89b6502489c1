import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import S3rver from "s3rver";
import type { S3StorageConfig } from "./storage-config";

// A real S3-compatible server for tests (s3rver, in this process, on a free port, files in a temp folder), so the
// S3 store is tested through the real SDK and its HTTP requests rather than a mock. s3rver accepts any signature
// made with its built-in key pair S3RVER/S3RVER.

export type S3TestServer = { config: S3StorageConfig; close(): Promise<void> };

export async function startS3TestServer(bucket = "orderline-test"): Promise<S3TestServer> {
  const directory = await mkdtemp(path.join(tmpdir(), "orderline-s3-"));
  const server = new S3rver({ address: "127.0.0.1", port: 0, silent: true, directory, configureBuckets: [{ name: bucket }] });
  const { port } = await server.run();
  return {
    config: {
      bucket,
      region: "us-east-1",
      endpoint: `http://127.0.0.1:${port}`,
      forcePathStyle: true,
      credentials: { accessKeyId: "S3RVER", secretAccessKey: "S3RVER" },
    },
    async close() {
      await server.close();
      await rm(directory, { recursive: true, force: true });
    },
  };
}

import { createHash } from "node:crypto";
import { DeleteObjectCommand, GetObjectCommand, NoSuchKey, PutObjectCommand, S3Client, S3ServiceException } from "@aws-sdk/client-s3";
import type { FileStorage, StoredFile } from "./file-storage";
import type { S3StorageConfig } from "./storage-config";
import { checkedStorageKey } from "./storage-key";

/** Files in one bucket of an S3-compatible store, shared by every app instance and worker. The bucket stays private. */
export class S3FileStorage implements FileStorage {
  private readonly client: S3Client;
  private readonly bucket: string;

  constructor(config: S3StorageConfig) {
    this.bucket = config.bucket;
    this.client = new S3Client({
      region: config.region,
      endpoint: config.endpoint,
      forcePathStyle: config.forcePathStyle,
      credentials: config.credentials,
      // The SDK's default CRC32 checksums are not understood by every S3-compatible store; Content-MD5 (below) is,
      // and AWS checks it too.
      requestChecksumCalculation: "WHEN_REQUIRED",
      responseChecksumValidation: "WHEN_REQUIRED",
      // An unreachable store fails an upload within seconds instead of holding the request (or a retention batch).
      requestHandler: { connectionTimeout: 5_000, requestTimeout: 30_000 },
      maxAttempts: 3,
    });
  }

  async put(key: string, bytes: Uint8Array, contentType: string): Promise<void> {
    await this.client.send(
      new PutObjectCommand({
        Bucket: this.bucket,
        Key: checkedStorageKey(key),
        Body: bytes,
        ContentType: contentType,
        ContentLength: bytes.byteLength,
        ContentMD5: createHash("md5").update(bytes).digest("base64"),
      }),
    );
  }

  async get(key: string): Promise<StoredFile | null> {
    try {
      const object = await this.client.send(new GetObjectCommand({ Bucket: this.bucket, Key: checkedStorageKey(key) }));
      const bytes = await object.Body!.transformToByteArray();
      return { bytes, contentType: object.ContentType ?? "application/octet-stream" };
    } catch (error) {
      // Only a missing key is "no file": a missing bucket also answers 404, and that is a misconfiguration.
      if (error instanceof NoSuchKey || (error instanceof S3ServiceException && error.name === "NoSuchKey")) return null;
      throw error;
    }
  }

  async delete(key: string): Promise<void> {
    // S3 answers 204 whether or not the object was there.
    await this.client.send(new DeleteObjectCommand({ Bucket: this.bucket, Key: checkedStorageKey(key) }));
  }

  /** Closes the client's connections (scripts and tests; the app keeps one store for its lifetime). */
  close(): void {
    this.client.destroy();
  }
}

import { describe, expect, it } from "vitest";
import { storageConfigFromEnv } from "./storage-config";

describe("storage settings", () => {
  it("uses the local disk unless S3_BUCKET is set", () => {
    expect(storageConfigFromEnv({}, "/srv/app")).toEqual({ kind: "local", dir: "/srv/app/.data/uploads" });
    expect(storageConfigFromEnv({ UPLOAD_DIR: "/var/lib/orderline", S3_BUCKET: " " }, "/srv/app")).toEqual({ kind: "local", dir: "/var/lib/orderline" });
  });

  it("reads the S3-compatible store's settings", () => {
    expect(
      storageConfigFromEnv({
        S3_BUCKET: "orderline-files",
        S3_ENDPOINT: "http://127.0.0.1:9000",
        S3_REGION: "eu-west-1",
        S3_ACCESS_KEY_ID: "key",
        S3_SECRET_ACCESS_KEY: "secret",
        S3_FORCE_PATH_STYLE: "true",
      }),
    ).toEqual({
      kind: "s3",
      bucket: "orderline-files",
      endpoint: "http://127.0.0.1:9000",
      region: "eu-west-1",
      forcePathStyle: true,
      credentials: { accessKeyId: "key", secretAccessKey: "secret" },
    });
    // AWS itself: no endpoint, credentials from the SDK's own chain (an instance role).
    expect(storageConfigFromEnv({ S3_BUCKET: "orderline-files" })).toEqual({
      kind: "s3",
      bucket: "orderline-files",
      region: "us-east-1",
      endpoint: undefined,
      forcePathStyle: false,
      credentials: undefined,
    });
  });

  it("refuses bad settings with one line per problem", () => {
    let message = "";
    try {
      storageConfigFromEnv({ S3_BUCKET: "Bad_Bucket", S3_ENDPOINT: "minio:9000", S3_FORCE_PATH_STYLE: "sometimes", S3_ACCESS_KEY_ID: "key" });
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message.split("\n")).toEqual([
      "File storage settings:",
      expect.stringMatching(/^ {2}S3_BUCKET must be a bucket name/),
      expect.stringMatching(/^ {2}S3_ENDPOINT must start with https:\/\/ or http:\/\//),
      expect.stringMatching(/^ {2}S3_FORCE_PATH_STYLE must be/),
    ]);
    // The key pair is checked once each value is good.
    expect(() => storageConfigFromEnv({ S3_BUCKET: "orderline-files", S3_ACCESS_KEY_ID: "key" })).toThrow("S3_ACCESS_KEY_ID and S3_SECRET_ACCESS_KEY go together");
  });
});

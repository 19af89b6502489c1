import path from "node:path";
import { appConfig, parseConfig, type AppConfig } from "@/lib/config/app-config";

// Where uploaded files live, from the environment: an S3-compatible bucket when S3_BUCKET is set (several app
// instances and workers then see the same files), else a folder on the local disk (one machine). The settings
// themselves are read and checked with every other in lib/config/settings.ts.

export type S3StorageConfig = {
  bucket: string;
  region: string;
  /** Another S3-compatible service (MinIO, R2, Ceph, s3rver); unset for AWS itself. */
  endpoint?: string;
  /** Bucket in the path (http://host/bucket/key) rather than the host name; most self-hosted stores want it. */
  forcePathStyle: boolean;
  /** Unset: the SDK's own chain (AWS_* variables, instance or task role). */
  credentials?: { accessKeyId: string; secretAccessKey: string };
};

export type StorageConfig = { kind: "local"; dir: string } | ({ kind: "s3" } & S3StorageConfig);

type StorageSettings = Pick<AppConfig, "UPLOAD_DIR" | "S3_BUCKET" | "S3_ENDPOINT" | "S3_REGION" | "S3_ACCESS_KEY_ID" | "S3_SECRET_ACCESS_KEY" | "S3_FORCE_PATH_STYLE">;

/** The storage these settings name (lib/config validates each value); the key pair must come whole. */
export function storageConfigFrom(s: StorageSettings = appConfig(), cwd: string = process.cwd()): StorageConfig {
  if (Boolean(s.S3_ACCESS_KEY_ID) !== Boolean(s.S3_SECRET_ACCESS_KEY)) {
    throw new Error("File storage settings:\n  S3_ACCESS_KEY_ID and S3_SECRET_ACCESS_KEY go together: set both or neither");
  }
  // turbopackIgnore: a run-time folder, not a source file to trace into the build.
  if (!s.S3_BUCKET) return { kind: "local", dir: path.resolve(/* turbopackIgnore: true */ cwd, s.UPLOAD_DIR) };
  return {
    kind: "s3",
    bucket: s.S3_BUCKET,
    region: s.S3_REGION,
    endpoint: s.S3_ENDPOINT,
    forcePathStyle: s.S3_FORCE_PATH_STYLE,
    credentials: s.S3_ACCESS_KEY_ID && s.S3_SECRET_ACCESS_KEY ? { accessKeyId: s.S3_ACCESS_KEY_ID, secretAccessKey: s.S3_SECRET_ACCESS_KEY } : undefined,
  };
}

/** The storage an environment names (a test's own, or a script's), or an error with one line per problem. */
export function storageConfigFromEnv(env: Record<string, string | undefined> = process.env, cwd: string = process.cwd()): StorageConfig {
  const parsed = parseConfig(env);
  if (!parsed.ok) {
    const problems = parsed.problems.filter((p) => p.startsWith("S3_") || p.startsWith("UPLOAD_DIR"));
    if (problems.length > 0) throw new Error(`File storage settings:\n${problems.map((p) => `  ${p}`).join("\n")}`);
    throw new Error(`Invalid configuration: ${parsed.problems.join("; ")}`);
  }
  return storageConfigFrom(parsed.config, cwd);
}

import path from "node:path";
import { z } from "zod";

// Where uploaded files live, from the environment: an S3-compatible bucket when S3_BUCKET is set (several app
// instances and workers then see the same files), else a folder on the local disk (one machine). Every storage
// setting is read here and only here.

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

const optional = z
  .string()
  .trim()
  .transform((v) => v || undefined)
  .optional();

export const storageEnvSchema = z
  .object({
    UPLOAD_DIR: optional,
    S3_BUCKET: optional.pipe(
      z
        .string()
        .regex(/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/, "S3_BUCKET must be a bucket name: 3–63 lower-case letters, digits, dots or hyphens")
        .optional(),
    ),
    S3_ENDPOINT: optional.pipe(z.url({ protocol: /^https?$/, error: "S3_ENDPOINT must be an http(s) URL" }).optional()),
    S3_REGION: optional,
    S3_ACCESS_KEY_ID: optional,
    S3_SECRET_ACCESS_KEY: optional,
    S3_FORCE_PATH_STYLE: optional.pipe(z.enum(["true", "false"], { error: "S3_FORCE_PATH_STYLE must be true or false" }).optional()),
  })
  .refine((env) => Boolean(env.S3_ACCESS_KEY_ID) === Boolean(env.S3_SECRET_ACCESS_KEY), {
    error: "S3_ACCESS_KEY_ID and S3_SECRET_ACCESS_KEY go together: set both or neither",
    // Reported beside the other problems, not only once they are fixed.
    when: () => true,
  });

/** The storage settings, or an error with one line per problem. */
export function storageConfigFromEnv(env: Record<string, string | undefined> = process.env, cwd: string = process.cwd()): StorageConfig {
  const parsed = storageEnvSchema.safeParse(env);
  if (!parsed.success) throw new Error(`File storage settings:\n${parsed.error.issues.map((i) => `  ${i.message}`).join("\n")}`);
  const s = parsed.data;
  // turbopackIgnore: a run-time folder, not a source file to trace into the build.
  if (!s.S3_BUCKET) return { kind: "local", dir: path.resolve(/* turbopackIgnore: true */ cwd, s.UPLOAD_DIR ?? ".data/uploads") };
  return {
    kind: "s3",
    bucket: s.S3_BUCKET,
    region: s.S3_REGION ?? "us-east-1",
    endpoint: s.S3_ENDPOINT,
    forcePathStyle: s.S3_FORCE_PATH_STYLE === "true",
    credentials: s.S3_ACCESS_KEY_ID && s.S3_SECRET_ACCESS_KEY ? { accessKeyId: s.S3_ACCESS_KEY_ID, secretAccessKey: s.S3_SECRET_ACCESS_KEY } : undefined,
  };
}

import { createRequire } from "node:module";
import type { AddressInfo } from "node:net";
import { answer, listen } from "../../lib/delivery/testing/http-server";
import { startFakeResend, type FakeResend } from "../../lib/delivery/testing/fake-resend";
import { startFakeTwilio, type FakeTwilio } from "../../lib/delivery/testing/fake-twilio";

// What the cluster shares besides PostgreSQL: an S3-compatible object store (s3rver, the package the storage tests
// use) and stand-ins for the email and SMS providers (the real SDKs talk to them over HTTP), so "sent exactly once"
// is counted where a customer would notice it: at the provider.

export const S3_BUCKET = "orderline-cluster";
// s3rver accepts signatures made with its built-in key pair.
const S3_KEY = "S3RVER";

type S3rverInstance = { run(): Promise<AddressInfo>; close(): Promise<void> };
type S3rverClass = new (options: { address: string; port: number; silent: boolean; directory: string; configureBuckets: { name: string }[] }) => S3rverInstance;

export type ObjectStore = { env: Record<string, string>; close(): Promise<void> };

/** s3rver on a free local port, its files under `directory`, with the cluster's bucket; the S3_* settings for it. */
export async function startObjectStore(directory: string): Promise<ObjectStore> {
  // s3rver ships no types; only its constructor, run() and close() are used.
  const S3rver = createRequire(import.meta.url)("s3rver") as S3rverClass;
  const server = new S3rver({ address: "127.0.0.1", port: 0, silent: true, directory, configureBuckets: [{ name: S3_BUCKET }] });
  const { port } = await server.run();
  return {
    env: {
      S3_BUCKET,
      S3_ENDPOINT: `http://127.0.0.1:${port}`,
      S3_REGION: "us-east-1",
      S3_ACCESS_KEY_ID: S3_KEY,
      S3_SECRET_ACCESS_KEY: S3_KEY,
      S3_FORCE_PATH_STYLE: "true",
    },
    close: () => server.close(),
  };
}

const TWILIO = { accountSid: "ACcluster", authToken: "cluster-twilio-token" };

export type Providers = {
  resend: FakeResend;
  twilio: FakeTwilio;
  /** The provider settings for the worker (and the app instances, which only show which channels are real). */
  env: Record<string, string>;
  /** GET <controlUrl>/deliveries?messageId=…&idempotencyKey=… → how often the providers delivered that message. */
  controlUrl: string;
  close(): Promise<void>;
};

export async function startProviders(): Promise<Providers> {
  const resend = await startFakeResend({ keepBodies: false });
  const twilio = await startFakeTwilio(TWILIO);
  const control = await listen((request, _body, response) => {
    const url = new URL(request.url ?? "/", "http://control");
    if (url.pathname !== "/deliveries") return answer(response, 404, { error: "not found" });
    const messageId = url.searchParams.get("messageId");
    const key = url.searchParams.get("idempotencyKey");
    answer(response, 200, {
      email: resend.delivered.filter((e) => e.messageId === messageId).length,
      // Twilio does not honour idempotency: a replayed request would be a second text.
      sms: twilio.requests.filter((r) => r.idempotencyToken === key && (r.status === 201 || r.replay)).length,
    });
  });
  return {
    resend,
    twilio,
    env: {
      RESEND_API_KEY: "re_cluster",
      RESEND_BASE_URL: resend.url,
      TWILIO_ACCOUNT_SID: TWILIO.accountSid,
      TWILIO_AUTH_TOKEN: TWILIO.authToken,
      TWILIO_FROM: "+15005550006",
      TWILIO_BASE_URL: twilio.url,
    },
    controlUrl: control.url,
    async close() {
      await Promise.all([resend.close(), twilio.close(), control.close()]);
    },
  };
}

import { answer, listen } from "../../lib/delivery/testing/http-server";
import { startFakeResend, type FakeResend } from "../../lib/delivery/testing/fake-resend";
import { startFakeTwilio, type FakeTwilio } from "../../lib/delivery/testing/fake-twilio";
import { startS3TestServer } from "../../lib/storage/s3-test-server";

// What the cluster shares besides PostgreSQL: an S3-compatible object store (s3rver, the package the storage tests
// use) and stand-ins for the email and SMS providers (the real SDKs talk to them over HTTP), so "sent exactly once"
// is counted where a customer would notice it: at the provider.

export type ObjectStore = { env: Record<string, string>; close(): Promise<void> };

/** s3rver on a free local port (the storage tests' server), with the cluster's bucket; the S3_* settings for it. */
export async function startObjectStore(): Promise<ObjectStore> {
  const server = await startS3TestServer("orderline-cluster");
  const { config } = server;
  return {
    env: {
      S3_BUCKET: config.bucket,
      S3_ENDPOINT: config.endpoint!,
      S3_REGION: config.region,
      S3_ACCESS_KEY_ID: config.credentials!.accessKeyId,
      S3_SECRET_ACCESS_KEY: config.credentials!.secretAccessKey,
      S3_FORCE_PATH_STYLE: String(config.forcePathStyle),
    },
    close: server.close,
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

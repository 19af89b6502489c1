import { localOutboxProvider } from "./local-outbox";
import type { DeliveryConfig, EmailProvider, SmsProvider } from "./providers";
import { RateLimiter, realClock, type Clock } from "./rate-limiter";
import { resendEmailProvider } from "./resend-email";
import { twilioSmsProvider } from "./twilio-sms";
import type { WorkerDeps } from "./worker";

// From configuration to a worker's providers and limiters. A limiter is keyed by channel and provider, and its
// budget lives in the database: every worker loop, in every process, shares the provider's request budget.

export function emailProviderFor(config: DeliveryConfig["email"]): EmailProvider {
  return config.kind === "resend" ? resendEmailProvider(config) : localOutboxProvider("email");
}

export function smsProviderFor(config: DeliveryConfig["sms"]): SmsProvider {
  return config.kind === "twilio" ? twilioSmsProvider(config) : localOutboxProvider("sms");
}

export function workerDepsFor(config: DeliveryConfig, clock: Clock = realClock): WorkerDeps {
  const rate = (c: { kind: string; ratePerSecond?: number }) => ("ratePerSecond" in c && c.ratePerSecond ? c.ratePerSecond : Number.POSITIVE_INFINITY);
  const email = emailProviderFor(config.email);
  const sms = smsProviderFor(config.sms);
  return {
    email: { provider: email, limiter: new RateLimiter(`email:${email.name}`, rate(config.email), clock) },
    sms: { provider: sms, limiter: new RateLimiter(`sms:${sms.name}`, rate(config.sms), clock) },
    clock,
  };
}

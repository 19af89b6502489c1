import "server-only";
import { headers } from "next/headers";
import { notFound, redirect } from "next/navigation";
import { getDb, type Database } from "@/db/client";
import type { Customer, Order } from "@/db/schema";
import { UserFacingError } from "@/lib/errors";
import { clientAddressKey } from "@/lib/security/client-address";
import type { DoneCode, ErrorCode } from "./banners";
import { findTrackedOrder, isTrackingToken } from "./load-tracking-view";
import { trackingLimits } from "./tracking-limits";
import { log } from "@/lib/log";
import { nulPaths } from "@/lib/security/nul-characters";

// The tracking page's forms have no session: the token is the customer's key. This is their one wrapper (as
// lib/actions/action.ts is for staff): limits → token → handler → redirect back with a banner code. It answers by
// redirect, not by returned state, so every form works without JavaScript.

export type TrackedOrder = { order: Order; customer: Customer; db: Database };
export type TrackingOutcome = { done: DoneCode } | { error: ErrorCode };

/** Where each form sits on the page, so the redirect lands the customer back at it. */
const anchors: Record<string, string> = { question: "question", request: "request", rating: "feedback" };

export async function runTrackingAction(formData: FormData, form: "question" | "request" | "rating", handler: (tracked: TrackedOrder) => Promise<TrackingOutcome>): Promise<never> {
  // The forms always send FormData; a crafted request can send any value, which names no order.
  if (!(formData instanceof FormData)) notFound();
  const token = formData.get("token");
  const ip = clientAddressKey(await headers());
  const db = await getDb();
  if (!isTrackingToken(token)) {
    await trackingLimits.recordNotFound(db, ip);
    notFound();
  }
  const back = (outcome: TrackingOutcome): never => {
    const query = "done" in outcome ? `done=${outcome.done}` : `error=${outcome.error}`;
    redirect(`/track/${token}?${query}#${anchors[form]}`);
  };
  if (!(await trackingLimits.admitPost(db, ip, token))) back({ error: "busy" });

  const found = await findTrackedOrder(db, token);
  if (!found) {
    await trackingLimits.recordNotFound(db, ip);
    notFound();
  }
  // PostgreSQL text cannot hold a NUL; without this it would fail in the database as "something went wrong".
  if (nulPaths(Object.fromEntries(formData)).length > 0) return back({ error: "text" });
  let outcome: TrackingOutcome;
  try {
    outcome = await handler({ ...found, db });
  } catch (error) {
    // Domain refusals are already worded for people, but the page shows only its own texts (lib/tracking-page/banners.ts).
    if (error instanceof UserFacingError) outcome = { error: form === "request" ? "not-allowed" : form === "rating" ? "rating-early" : "failed" };
    else {
      log.error("tracking page action failed", { form, error });
      outcome = { error: "failed" };
    }
  }
  return back(outcome);
}

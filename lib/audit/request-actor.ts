import "server-only";
import { headers } from "next/headers";
import type { SessionUser } from "@/lib/auth/authenticate";
import type { Actor } from "@/lib/actor";
import { requestClientAddress } from "@/lib/security/client-address";
import type { RequestOrigin } from "./write-audit";

/** Where the current request comes from (client address, user agent), for the audit log. */
export async function requestOrigin(): Promise<RequestOrigin> {
  // Outside a request (an action called from a script or a test) there is no "where": the entry records who only.
  let requestHeaders: Headers;
  try {
    requestHeaders = await headers();
  } catch {
    return {};
  }
  return { ip: requestClientAddress(requestHeaders), userAgent: requestHeaders.get("user-agent") };
}

/** The signed-in person as an Actor, with where they act from. */
export async function requestActor(user: SessionUser): Promise<Actor> {
  return { type: "user", userId: user.id, ...(await requestOrigin()) };
}

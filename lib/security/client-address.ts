import { isIP } from "node:net";
import { appConfig, type AppConfig } from "@/lib/config/app-config";
import { log } from "@/lib/log";

// The client's address, for rate limits and the audit log. Only two things can be trusted: the address of the
// socket the request arrived on, and the X-Forwarded-For entries that the operator's own reverse proxies appended.
// Everything else in the header was written by the client and is ignored.
//
// Next.js gives the app no socket address, and fills X-Forwarded-For from the socket only when the client sent
// none, so the client can choose that header's value. server.mjs (what `npm start` runs) therefore copies the
// socket address into SOCKET_ADDRESS_HEADER, after deleting any value the client sent under that name, and marks
// the process so the app knows the header is its own. Without that server (`next dev`, a bare `next start`) the
// socket address is unknown.

/** Written by server.mjs only: the address of the TCP peer (the client, or the nearest proxy). */
export const SOCKET_ADDRESS_HEADER = "x-orderline-socket-address";
/** Set on globalThis by server.mjs: this process runs behind it, so SOCKET_ADDRESS_HEADER is trustworthy. */
const BEHIND_OUR_SERVER = Symbol.for("orderline.socket-address-header");

/**
 * How many reverse proxies of the operator's own stand between the internet and the app (TRUSTED_PROXY_HOPS,
 * default 0). Each must append the address it received the request from to X-Forwarded-For, as nginx's
 * `$proxy_add_x_forwarded_for` does. lib/config refuses anything but a whole number from 0 to 10.
 */
export function trustedProxyHops(config: Pick<AppConfig, "TRUSTED_PROXY_HOPS"> = appConfig()): number {
  return config.TRUSTED_PROXY_HOPS;
}

/** A bare address in canonical lower-case form, or null if `value` is not one (IPv4-mapped IPv6 becomes IPv4). */
export function normalizeAddress(value: string | null | undefined): string | null {
  if (!value) return null;
  let address = value.trim();
  // "[2001:db8::1]:443" and "203.0.113.7:5000": some proxies add the port.
  const bracketed = /^\[([^\]]+)\](?::\d+)?$/.exec(address);
  if (bracketed) address = bracketed[1]!;
  else if (/^[\d.]+:\d+$/.test(address)) address = address.slice(0, address.lastIndexOf(":"));
  if (address.length > 45) return null;
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (mapped) address = mapped[1]!;
  return isIP(address) ? address.toLowerCase() : null;
}

/**
 * The client's address under `trustedHops` proxies (pure; the rule of issue 14).
 *
 * - 0 hops: the socket address; X-Forwarded-For is ignored whatever it says.
 * - N hops: the proxy nearest the app is the socket; each of the N proxies appended the address it received the
 *   request from, so the N right-most entries were written by our proxies, and the left-most of those (the N-th
 *   from the right) is what the outermost proxy saw: the client. Entries further left came from the client.
 * - Fewer than N entries: the request did not pass through every proxy (it reached an inner one directly), so all
 *   the entries there are were appended by our proxies and the left-most is the one nearest the client; with no
 *   entry at all, the socket. This needs the app to be reachable only through the proxies — true of any hop count.
 *
 * Null when the chosen value is not an address (or the socket address is unknown).
 */
export function clientAddress({ forwardedFor, socketAddress, trustedHops }: { forwardedFor: string | null; socketAddress: string | null; trustedHops: number }): string | null {
  if (trustedHops <= 0) return normalizeAddress(socketAddress);
  // Several X-Forwarded-For headers arrive joined with ", " (Node.js joins them in order).
  const entries = (forwardedFor ?? "").split(",").map((entry) => entry.trim()).filter((entry) => entry !== "");
  if (entries.length === 0) return normalizeAddress(socketAddress);
  return normalizeAddress(entries[Math.max(0, entries.length - trustedHops)]);
}

type HeaderReader = { get(name: string): string | null };

let warnedNoSocket = false;

/** The client's address for this request's headers (as Next.js hands them to the app), or null when unknown. */
export function requestClientAddress(headers: HeaderReader, trustedHops: number = trustedProxyHops()): string | null {
  const behindOurServer = (globalThis as Record<symbol, unknown>)[BEHIND_OUR_SERVER] === true;
  if (!behindOurServer && !warnedNoSocket && appConfig().NODE_ENV === "production") {
    warnedNoSocket = true;
    log.warn("not started through server.mjs (`npm start`): the socket address is unknown, so with TRUSTED_PROXY_HOPS=0 every client shares one per-address limit");
  }
  return clientAddress({
    forwardedFor: headers.get("x-forwarded-for"),
    socketAddress: behindOurServer ? headers.get(SOCKET_ADDRESS_HEADER) : null,
    trustedHops,
  });
}

/** The address as a rate-limit key: every request whose address is unknown shares one key. */
export function clientAddressKey(headers: HeaderReader): string {
  return requestClientAddress(headers) ?? "unknown";
}

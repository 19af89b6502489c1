import { describe, expect, it, vi } from "vitest";
import { apiRoute } from "./api-route";
import { DATABASE_UNAVAILABLE_MESSAGE, GENERIC_ERROR_MESSAGE, isDatabaseUnavailable } from "./errors";

// What a route answers when something below it throws: the database being down is a 503 the caller can retry,
// anything else a 500; both JSON with a readable message, never the driver's words.

const request = new Request("http://localhost/api/example");
const quiet = () => vi.spyOn(process.stderr, "write").mockImplementation(() => true);

describe("apiRoute", () => {
  it("passes a handler's own answer through", async () => {
    const route = apiRoute("GET /api/example", async () => Response.json({ ok: true }, { status: 201 }));
    const response = await route(request, undefined);
    expect(response.status).toBe(201);
    expect(await response.json()).toEqual({ ok: true });
  });

  it("answers 503 with Retry-After when the database cannot be reached, even wrapped by drizzle", async () => {
    const spy = quiet();
    const refused = Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:5432"), { code: "ECONNREFUSED" });
    const route = apiRoute("GET /api/example", async () => {
      throw new Error("Failed query: select 1", { cause: refused });
    });
    const response = await route(request, undefined);
    spy.mockRestore();
    expect(response.status).toBe(503);
    expect(response.headers.get("retry-after")).toBe("5");
    expect(await response.json()).toEqual({ error: DATABASE_UNAVAILABLE_MESSAGE });
  });

  it("answers 500 with the generic message for anything else, without the error's text", async () => {
    const spy = quiet();
    const route = apiRoute("GET /api/example", async () => {
      throw new Error("column secret_internal_name does not exist");
    });
    const response = await route(request, undefined);
    spy.mockRestore();
    expect(response.status).toBe(500);
    const body = await response.text();
    expect(body).not.toContain("secret_internal_name");
    expect(JSON.parse(body)).toEqual({ error: GENERIC_ERROR_MESSAGE });
  });

  it("tells connection failures from other database errors", () => {
    expect(isDatabaseUnavailable(Object.assign(new Error("x"), { code: "57P03" }))).toBe(true);
    expect(isDatabaseUnavailable(Object.assign(new Error("x"), { code: "CONNECT_TIMEOUT" }))).toBe(true);
    expect(isDatabaseUnavailable(Object.assign(new Error("x"), { code: "23505" }))).toBe(false);
    expect(isDatabaseUnavailable("not an error")).toBe(false);
  });
});

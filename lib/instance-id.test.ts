import { hostname } from "node:os";
import { afterEach, describe, expect, it } from "vitest";
import { instanceId } from "./instance-id";

const holder = globalThis as typeof globalThis & { __orderlineInstanceId?: string };
afterEach(() => {
  holder.__orderlineInstanceId = undefined;
  delete process.env.INSTANCE_ID;
});

describe("instance id", () => {
  it("is host, pid and a random suffix, the same for the life of the process", () => {
    const id = instanceId();
    expect(id).toMatch(new RegExp(`^${hostname().replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}-${process.pid}-[0-9a-f]{6}$`));
    expect(instanceId()).toBe(id);
  });

  it("is INSTANCE_ID when the operator names the instance", () => {
    process.env.INSTANCE_ID = "web-2";
    expect(instanceId()).toBe("web-2");
  });
});

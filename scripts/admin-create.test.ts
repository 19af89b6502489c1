import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { eq } from "drizzle-orm";
import { afterAll, describe, expect, it } from "vitest";
import { openDatabase } from "@/db/client";
import { auditLog, users } from "@/db/schema";
import { authenticate } from "@/lib/auth/authenticate";

// `npm run admin:create` as an operator runs it, on a fresh PGlite folder: migrations first, then the admin; a second
// run with the same email (in other case) is refused. stdin is not a terminal, so a one-time password is printed.

const root = path.resolve(import.meta.dirname, "..");
const scratch = mkdtempSync(path.join(os.tmpdir(), "orderline-admin-create-"));
const pgliteDir = path.join(scratch, "pglite");
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

function adminCreate(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["--import", "tsx", "scripts/admin-create.ts", ...args], {
      cwd: root,
      // As an operator runs it on a production server.
      env: { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "", NODE_ENV: "production", PGLITE_DIR: pgliteDir },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    child.on("error", reject);
    child.on("close", (code: number | null) => resolve({ code, stdout, stderr }));
  });
}

describe("npm run admin:create", () => {
  it("creates an admin on a new database with a one-time password, then refuses the same email", { timeout: 120_000 }, async () => {
    const created = await adminCreate(["--email", "Owner@Shop.example", "--name", "Olive Owner"]);
    expect(created.stderr).toBe("");
    expect(created.code).toBe(0);
    expect(created.stdout).toContain(`admin:create: PGlite in ${pgliteDir}`);
    expect(created.stdout).toContain("created the admin Olive Owner <owner@shop.example>");
    const password = /^One-time password: (\S+)$/m.exec(created.stdout)?.[1];
    expect(password).toMatch(/^[a-z2-9]{4}(-[a-z2-9]{4}){3}$/);

    const again = await adminCreate(["--email", "OWNER@shop.example", "--name", "Someone Else"]);
    expect(again.code).toBe(1);
    expect(again.stderr).toContain("a user with the email owner@shop.example already exists; nothing was changed");
    expect(again.stdout).not.toContain("One-time password");

    const bad = await adminCreate(["--email", "not-an-email"]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain("--name: Enter the person's name.");
    expect(bad.stderr).toContain("--email: Enter a valid email address.");

    const handle = await openDatabase({ dataDir: pgliteDir });
    try {
      const rows = await handle.db.select().from(users);
      expect(rows).toHaveLength(1);
      expect(rows[0]).toMatchObject({ email: "owner@shop.example", name: "Olive Owner", role: "admin", active: true });
      expect(await authenticate(handle.db, { email: "owner@shop.example", password: password! })).toMatchObject({ role: "admin" });
      const [audit] = await handle.db.select().from(auditLog).where(eq(auditLog.entityId, rows[0]!.id));
      expect(audit).toMatchObject({ actorType: "system", action: "user.create", after: { via: "npm run admin:create" } });
    } finally {
      await handle.close();
    }
  });
});

import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { DatabaseHandle } from "@/db/client";
import type { Role } from "@/db/schema";
import { databaseChecksum } from "@/db/testing/database-checksum";
import { makeSession, makeUser } from "@/db/testing/fixtures";
import { createTestDatabase } from "@/db/testing/test-database";
import { createApiKey } from "@/lib/integrations/api-keys";
import { defaultNotificationSettings, defaultSlaPolicy } from "@/lib/settings/defaults";
import { readSettings } from "@/lib/settings/read-settings";
import { slaPolicyFormValues } from "@/lib/settings/settings-schemas";

// Every settings form, through its real server action on a real database: a payload missing any one field is a
// field error and changes nothing, never a silent "off", "closed", "none" or "generate one". Only the session is
// stood in for (as in lib/auth/permissions.test.ts), with revalidation and the request's headers.

const session = vi.hoisted(() => ({ userId: null as string | null, sessionIds: {} as Record<string, string> }));
vi.mock("@/lib/auth/config", () => ({
  auth: async () => (session.userId ? { user: { id: session.userId, sessionId: session.sessionIds[session.userId] } } : null),
}));
vi.mock("next/cache", () => ({ revalidatePath: () => {} }));
vi.mock("next/headers", () => ({ headers: async () => new Headers({ "user-agent": "settings-test" }) }));

const settingsActions = await import("./actions");
const retentionActions = await import("./retention-actions");
const userActions = await import("./user-actions");
const apiKeyActions = await import("./api-key-actions");

type Answer = { ok: boolean; message?: string; fieldErrors?: Record<string, string[]> };
type Action = (input: unknown) => Promise<Answer>;

let handle: DatabaseHandle;
const users = {} as Record<Role, string>;
let spareUserId: string;
let apiKeyId: string;
const globalForDb = globalThis as unknown as { __orderlineDb?: Promise<DatabaseHandle> };

beforeAll(async () => {
  handle = await createTestDatabase();
  globalForDb.__orderlineDb = Promise.resolve(handle);
  for (const role of ["rep", "fulfillment", "supervisor", "admin"] as const) {
    users[role] = (await makeUser(handle.db, { role })).id;
    session.sessionIds[users[role]] = (await makeSession(handle.db, users[role])).sessionId;
  }
  spareUserId = (await makeUser(handle.db, { role: "rep", name: "Spare Person" })).id;
  apiKeyId = (await createApiKey(handle.db, { name: "Settings shop", purpose: "both", createdBy: users.admin })).id;
});
afterAll(async () => {
  globalForDb.__orderlineDb = undefined;
  await handle?.close();
});

/** Nested form values as the flat entries a form posts ("confirmation.minutes"). */
function flat(values: Record<string, unknown>, prefix = ""): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(values).flatMap(([key, value]) =>
      typeof value === "object" && value !== null ? Object.entries(flat(value as Record<string, unknown>, `${prefix}${key}.`)) : [[`${prefix}${key}`, value]],
    ),
  );
}

const weekdays = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"] as const;

/** Each settings form: its action, who submits it, and a complete payload as the form sends it. */
const forms: { form: string; action: Action; role: Role; payload: () => Record<string, unknown> }[] = [
  { form: "SLA policy", action: settingsActions.saveSlaPolicy as Action, role: "supervisor", payload: () => flat(slaPolicyFormValues(defaultSlaPolicy)) },
  {
    form: "business calendar",
    action: settingsActions.saveBusinessCalendar as Action,
    role: "admin",
    payload: () => ({
      timeZone: "America/New_York",
      ...Object.fromEntries(weekdays.map((d) => [`week.${d}`, ["sat", "sun"].includes(d) ? "" : "09:00-17:00"])),
      holidays: "2026-12-25 Christmas Day",
    }),
  },
  { form: "customer notices", action: settingsActions.saveNotificationSettings as Action, role: "supervisor", payload: () => flat(defaultNotificationSettings) },
  { form: "escalation policy", action: settingsActions.saveEscalationPolicy as Action, role: "supervisor", payload: () => ({ autoEscalateBreached: true }) },
  { form: "retention", action: retentionActions.saveRetentionPolicy as Action, role: "admin", payload: () => ({ months: "24" }) },
  { form: "API key", action: apiKeyActions.createApiKeyAction as Action, role: "admin", payload: () => ({ name: "Another shop", purpose: "order_intake" }) },
  { form: "API key revocation", action: apiKeyActions.revokeApiKeyAction as Action, role: "admin", payload: () => ({ id: apiKeyId }) },
  {
    form: "add a user",
    action: userActions.createUserAction as Action,
    role: "admin",
    payload: () => ({ name: "New Person", email: `new.${crypto.randomUUID().slice(0, 8)}@example.com`, role: "rep", password: "" }),
  },
  { form: "change a role", action: userActions.changeUserRoleAction as Action, role: "admin", payload: () => ({ userId: spareUserId, role: "fulfillment" }) },
  { form: "deactivate or reactivate", action: userActions.setUserActiveAction as Action, role: "admin", payload: () => ({ userId: spareUserId, active: true }) },
  { form: "reset a password", action: userActions.resetUserPasswordAction as Action, role: "admin", payload: () => ({ userId: spareUserId, password: "" }) },
  { form: "sign a user out everywhere", action: userActions.signOutUserEverywhereAction as Action, role: "admin", payload: () => ({ userId: spareUserId }) },
];

describe("a settings payload missing a field is refused, and nothing changes", () => {
  it.each(forms)("$form", async ({ action, role, payload }) => {
    session.userId = users[role];
    // The complete payload is accepted, so each refusal below is the missing field's doing.
    expect(await action(payload())).toMatchObject({ ok: true });
    for (const field of Object.keys(payload())) {
      const { [field]: _removed, ...rest } = payload();
      const before = await databaseChecksum(handle.db);
      const answer = await action(rest);
      expect(answer, `without ${field}`).toMatchObject({ ok: false, message: "Some fields need attention." });
      expect(answer.fieldErrors?.[field]?.join(" "), `without ${field}: ${JSON.stringify(answer.fieldErrors)}`).toBeTruthy();
      expect(await databaseChecksum(handle.db), `without ${field}: something changed`).toEqual(before);
    }
    session.userId = null;
  });
});

describe("the escalation policy", () => {
  it("is not turned off by a payload without the switch, from an object or a form", async () => {
    session.userId = users.supervisor;
    const save = settingsActions.saveEscalationPolicy as Action;
    expect(await save({ autoEscalateBreached: true })).toMatchObject({ ok: true });
    expect(await save({})).toEqual({ ok: false, message: "Some fields need attention.", fieldErrors: { autoEscalateBreached: ["Automatic escalation: choose on or off"] } });
    const form = new FormData();
    form.set("unrelated", "x");
    expect(await save(form)).toMatchObject({ ok: false, fieldErrors: { autoEscalateBreached: ["Automatic escalation: choose on or off"] } });
    for (const junk of [null, "", "yes", 1, "constructor"]) expect(await save({ autoEscalateBreached: junk }), String(junk)).toMatchObject({ ok: false });
    expect((await readSettings(handle.db)).escalationPolicy.autoEscalateBreached).toBe(true);

    // Off is a choice the form states outright (false), or a form's "off".
    expect(await save({ autoEscalateBreached: false })).toMatchObject({ ok: true });
    expect((await readSettings(handle.db)).escalationPolicy.autoEscalateBreached).toBe(false);
    expect(await save({ autoEscalateBreached: "on" })).toMatchObject({ ok: true });
    expect((await readSettings(handle.db)).escalationPolicy.autoEscalateBreached).toBe(true);
    session.userId = null;
  });

  it("does not close a day or drop the holidays when the calendar payload lacks them", async () => {
    session.userId = users.admin;
    const save = settingsActions.saveBusinessCalendar as Action;
    const full = forms.find((f) => f.form === "business calendar")!.payload();
    expect(await save(full)).toMatchObject({ ok: true });
    const { ["week.tue"]: _tuesday, holidays: _holidays, ...partial } = full;
    expect(await save(partial)).toMatchObject({
      ok: false,
      fieldErrors: { "week.tue": ["Tuesday: enter opening hours, or leave it empty when closed"], holidays: ["Holidays: enter one date and name per line, or leave it empty"] },
    });
    const { businessCalendar } = await readSettings(handle.db);
    expect(businessCalendar.week.tue).toEqual([{ open: "09:00", close: "17:00" }]);
    expect(businessCalendar.holidays).toEqual([{ date: "2026-12-25", name: "Christmas Day" }]);
    session.userId = null;
  });
});

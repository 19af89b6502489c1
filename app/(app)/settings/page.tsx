import type { Metadata } from "next";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { getDb } from "@/db/client";
import { requireScreen } from "@/lib/auth/session";
import { listApiKeys } from "@/lib/integrations/api-keys";
import { formatDuration, humanize } from "@/lib/format";
import { readSettings } from "@/lib/settings/read-settings";
import { listUsers } from "@/lib/users/manage-users";
import { openSessionsByUser } from "@/lib/auth/sessions";
import { notificationStages } from "@/lib/settings/defaults";
import { calendarFormValues, editableClockKinds, notificationStageLabels, slaPolicyFormValues, weekdays } from "@/lib/settings/settings-schemas";
import { viewerTimeZone } from "@/lib/viewer";
import { ApiKeysSection } from "./api-keys-section";
import { CalendarForm } from "./calendar-form";
import { EscalationPolicyForm } from "./escalation-policy-form";
import { NotificationSettingsForm } from "./notification-settings-form";
import { BrandingSummary, CalendarSummary, NotificationSettingsSummary, SlaPolicyTable, stageDescriptions } from "./settings-views";
import { SlaPolicyForm } from "./sla-policy-form";
import { UsersSection } from "./users-section";
import { RetentionSection } from "./retention-section";
import { formatDateTime } from "@/lib/format";
import { MIN_RETENTION_MONTHS, readRetentionPolicy } from "@/lib/retention/retention-policy";
import { latestRetentionRuns } from "@/lib/retention/run-retention";

export const metadata: Metadata = { title: "Settings" };

const POLICY_NOTE =
  "A change applies to clocks opened after you save it; clocks already running keep the due times they were given. " +
  "The delivery promise is always due at the end of the promised delivery day, in the customer's time zone.";

/** Every zone the platform knows, plus the saved one if it is an alias missing from that list. */
function timeZoneOptions(current: string): string[] {
  const zones = new Set(Intl.supportedValuesOf("timeZone"));
  zones.add("UTC");
  zones.add(current);
  return [...zones].sort((a, b) => a.localeCompare(b));
}

async function retentionSection() {
  const db = await getDb();
  const [{ months }, runs, timeZone] = await Promise.all([readRetentionPolicy(db), latestRetentionRuns(db, 5), viewerTimeZone()]);
  const rows = runs.map((run) => ({ id: run.id, startedAt: formatDateTime(run.startedAt, timeZone), trigger: run.trigger, status: run.status, rule: run.rule, counts: run.counts, error: run.error }));
  return <RetentionSection months={months} minMonths={MIN_RETENTION_MONTHS} runs={rows} />;
}

async function usersSection(currentUserId: string) {
  const db = await getDb();
  const [users, timeZone] = await Promise.all([listUsers(db), viewerTimeZone()]);
  const open = await openSessionsByUser(db, users.map((u) => u.id));
  const rows = users.map((u) => ({ ...u, sessions: open.get(u.id) ?? null }));
  return <UsersSection users={rows} currentUserId={currentUserId} timeZone={timeZone} />;
}

// Supervisors edit SLA policies; admins edit the business calendar. Each sees the other's part read-only.
export default async function SettingsPage() {
  const user = await requireScreen("settings");
  const { businessCalendar, slaPolicy, branding, notifications, escalationPolicy } = await readSettings(await getDb());
  const editsPolicy = user.role === "supervisor";
  const editsCalendar = user.role === "admin";

  const policyValues = slaPolicyFormValues(slaPolicy);
  const policyRows = editableClockKinds.map((kind) => ({
    kind,
    label: humanize(kind),
    ...policyValues[kind],
    saved: `${formatDuration(slaPolicy[kind].seconds)}, ${slaPolicy[kind].timeBase} time`,
  }));
  const calendarValues = calendarFormValues(businessCalendar);
  const stageRows = notificationStages.map((stage) => ({
    stage,
    label: notificationStageLabels[stage],
    description: stageDescriptions[stage],
    mode: notifications.stages[stage],
  }));

  const noticesCard = (
    <Card>
      <CardHeader>
        <CardTitle>Customer notices</CardTitle>
        <CardDescription>
          At each milestone the system either sends the notice itself, to the customer&apos;s preferred channel, or leaves
          it to a rep, whom the queue and the composer prompt. A milestone never notifies twice.
        </CardDescription>
      </CardHeader>
      <CardContent>
        {editsPolicy ? (
          <NotificationSettingsForm key={JSON.stringify(notifications)} rows={stageRows} quietHours={notifications.smsQuietHours} />
        ) : (
          <NotificationSettingsSummary settings={notifications} />
        )}
      </CardContent>
    </Card>
  );

  const policyCard = (
    <Card>
      <CardHeader>
        <CardTitle>SLA policies</CardTitle>
        <CardDescription>
          {editsPolicy ? "How long the team has for each obligation, and whether nights, weekends and holidays count. " : null}
          {POLICY_NOTE}
        </CardDescription>
      </CardHeader>
      <CardContent>
        {/* Keyed on the saved policy so the form shows the stored values again after a save. */}
        {editsPolicy ? <SlaPolicyForm key={JSON.stringify(slaPolicy)} rows={policyRows} /> : <SlaPolicyTable policy={slaPolicy} />}
        {editsPolicy ? (
          <div className="mt-4">
            <EscalationPolicyForm key={String(escalationPolicy.autoEscalateBreached)} autoEscalateBreached={escalationPolicy.autoEscalateBreached} />
          </div>
        ) : (
          <p className="mt-4 text-sm text-muted-foreground">
            Clocks late by more than their allowance {escalationPolicy.autoEscalateBreached ? "escalate by themselves" : "do not escalate by themselves (switched off)"}.
          </p>
        )}
      </CardContent>
    </Card>
  );

  const calendarCard = (
    <Card>
      <CardHeader>
        <CardTitle>Business calendar</CardTitle>
        <CardDescription>
          Business-time SLA clocks count only inside these opening hours.
          {editsCalendar ? " A change applies to clocks opened after you save it; running clocks keep their due times." : null}
        </CardDescription>
      </CardHeader>
      <CardContent>
        {editsCalendar ? (
          <CalendarForm
            key={JSON.stringify(businessCalendar)}
            values={{
              timeZone: calendarValues.timeZone,
              days: weekdays.map((d) => ({ id: d.id, label: d.label, hours: calendarValues.week[d.id] })),
              holidays: calendarValues.holidays,
            }}
            timeZones={timeZoneOptions(businessCalendar.timeZone)}
          />
        ) : (
          <CalendarSummary calendar={businessCalendar} />
        )}
      </CardContent>
    </Card>
  );

  const brandingCard = (
    <Card>
      <CardHeader>
        <CardTitle>Branding</CardTitle>
        <CardDescription>Used in every customer notification.</CardDescription>
      </CardHeader>
      <CardContent>
        <BrandingSummary branding={branding} />
      </CardContent>
    </Card>
  );

  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-2xl font-semibold tracking-tight">Settings</h1>
        <p className="text-sm text-muted-foreground">
          {editsPolicy
            ? "Edit the SLA policies and customer notices. The business calendar and branding are set by an admin."
            : "Edit the business calendar, API keys and users. SLA policies and customer notices are set by supervisors."}
        </p>
      </div>
      {editsPolicy ? (
        <>
          {policyCard}
          {noticesCard}
          <div className="grid gap-4 lg:grid-cols-2">
            {calendarCard}
            {brandingCard}
          </div>
        </>
      ) : (
        <>
          {calendarCard}
          <div className="grid gap-4 lg:grid-cols-2">
            {policyCard}
            {brandingCard}
          </div>
          {noticesCard}
          {editsCalendar ? <ApiKeysSection keys={await listApiKeys(await getDb())} timeZone={await viewerTimeZone()} /> : null}
          {editsCalendar ? await retentionSection() : null}
          {editsCalendar ? await usersSection(user.id) : null}
        </>
      )}
    </div>
  );
}

import type { Metadata } from "next";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { getDb } from "@/db/client";
import { clockKinds } from "@/db/schema";
import { requireScreen } from "@/lib/auth/session";
import { formatDate, formatDuration, humanize } from "@/lib/format";
import type { Weekday } from "@/lib/settings/defaults";
import { readSettings } from "@/lib/settings/read-settings";

export const metadata: Metadata = { title: "Settings" };

const weekdays: { id: Weekday; label: string }[] = [
  { id: "mon", label: "Monday" },
  { id: "tue", label: "Tuesday" },
  { id: "wed", label: "Wednesday" },
  { id: "thu", label: "Thursday" },
  { id: "fri", label: "Friday" },
  { id: "sat", label: "Saturday" },
  { id: "sun", label: "Sunday" },
];

export default async function SettingsPage() {
  await requireScreen("settings");
  const { businessCalendar, slaPolicy, branding } = await readSettings(await getDb());
  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-2xl font-semibold tracking-tight">Settings</h1>
        <p className="text-sm text-muted-foreground">Business calendar, SLA policies and branding (editing comes with the SLA issue).</p>
      </div>
      <div className="grid gap-4 lg:grid-cols-2">
        <Card>
          <CardHeader>
            <CardTitle>Business calendar</CardTitle>
            <CardDescription>Time zone {businessCalendar.timeZone}</CardDescription>
          </CardHeader>
          <CardContent className="space-y-4 text-sm">
            <dl className="grid grid-cols-[8rem_1fr] gap-y-1">
              {weekdays.map((day) => (
                <div key={day.id} className="contents">
                  <dt className="text-muted-foreground">{day.label}</dt>
                  <dd>{businessCalendar.week[day.id].length === 0 ? "Closed" : businessCalendar.week[day.id].map((i) => `${i.open}–${i.close}`).join(", ")}</dd>
                </div>
              ))}
            </dl>
            <div>
              <p className="font-medium">Holidays</p>
              <ul className="text-muted-foreground">
                {businessCalendar.holidays.map((h) => (
                  <li key={h.date}>
                    {formatDate(h.date)} — {h.name}
                  </li>
                ))}
              </ul>
            </div>
          </CardContent>
        </Card>
        <Card>
          <CardHeader>
            <CardTitle>Branding</CardTitle>
            <CardDescription>Used in every customer notification.</CardDescription>
          </CardHeader>
          <CardContent className="space-y-1 text-sm">
            <p>Shop name: {branding.shopName}</p>
            <p>Support email: {branding.supportEmail}</p>
            <p>Support phone: {branding.supportPhone}</p>
            <p className="flex items-center gap-2">
              Colour: <span className="inline-block size-4 rounded border" style={{ background: branding.primaryColor }} aria-hidden /> {branding.primaryColor}
            </p>
          </CardContent>
        </Card>
      </div>
      <Card>
        <CardHeader>
          <CardTitle>SLA policies</CardTitle>
        </CardHeader>
        <CardContent>
          <Table>
            <TableHeader>
              <TableRow>
                <TableHead>Clock</TableHead>
                <TableHead>Allowance</TableHead>
                <TableHead>Counted in</TableHead>
              </TableRow>
            </TableHeader>
            <TableBody>
              {clockKinds.map((kind) => (
                <TableRow key={kind}>
                  <TableCell>{humanize(kind)}</TableCell>
                  <TableCell>{kind === "delivery_promise" ? "End of the promised day" : formatDuration(slaPolicy[kind].seconds)}</TableCell>
                  <TableCell>{humanize(slaPolicy[kind].timeBase)} time</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </CardContent>
      </Card>
    </div>
  );
}

import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { clockKinds } from "@/db/schema";
import { formatDate, formatDuration, humanize } from "@/lib/format";
import type { Branding, BusinessCalendar, SlaPolicy } from "@/lib/settings/defaults";
import { weekdays } from "@/lib/settings/settings-schemas";

// Read-only views of the settings a role may see but not change (server components).

export function CalendarSummary({ calendar }: { calendar: BusinessCalendar }) {
  return (
    <div className="space-y-4 text-sm">
      <p>
        <span className="text-muted-foreground">Time zone:</span> {calendar.timeZone}
      </p>
      <dl className="grid grid-cols-[8rem_1fr] gap-y-1">
        {weekdays.map((day) => (
          <div key={day.id} className="contents">
            <dt className="text-muted-foreground">{day.label}</dt>
            <dd>{calendar.week[day.id].length === 0 ? "Closed" : calendar.week[day.id].map((i) => `${i.open}–${i.close}`).join(", ")}</dd>
          </div>
        ))}
      </dl>
      <div>
        <p className="font-medium">Holidays</p>
        {calendar.holidays.length === 0 ? (
          <p className="text-muted-foreground">None</p>
        ) : (
          <ul className="text-muted-foreground">
            {calendar.holidays.map((h) => (
              <li key={h.date}>
                {formatDate(h.date)} — {h.name}
              </li>
            ))}
          </ul>
        )}
      </div>
    </div>
  );
}

export function BrandingSummary({ branding }: { branding: Branding }) {
  return (
    <div className="space-y-1 text-sm">
      <p>Shop name: {branding.shopName}</p>
      <p>Support email: {branding.supportEmail}</p>
      <p>Support phone: {branding.supportPhone}</p>
      <p className="flex items-center gap-2">
        Colour: <span className="inline-block size-4 rounded border" style={{ background: branding.primaryColor }} aria-hidden />{" "}
        {branding.primaryColor}
      </p>
    </div>
  );
}

export function SlaPolicyTable({ policy }: { policy: SlaPolicy }) {
  return (
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
            <TableCell>{kind === "delivery_promise" ? "End of the promised day" : formatDuration(policy[kind].seconds)}</TableCell>
            <TableCell>{kind === "delivery_promise" ? "Customer's local date" : `${humanize(policy[kind].timeBase)} time`}</TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}

import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { clockKinds } from "@/db/schema";
import { formatDate, formatDuration, humanize } from "@/lib/format";
import { notificationStages, type Branding, type BusinessCalendar, type NotificationSettings, type NotificationStage, type SlaPolicy } from "@/lib/settings/defaults";
import { notificationStageLabels, weekdays } from "@/lib/settings/settings-schemas";

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

/** When each automatic notice fires and what it sends (lib/notifications/milestones.ts and its hooks). */
export const stageDescriptions: Record<NotificationStage, string> = {
  confirmation: "When an order is confirmed: the order confirmation (number, items, addresses, expected delivery).",
  shipped: "When an order ships with its tracking: the shipped notice (carrier, tracking number and link).",
  out_for_delivery: "When the carrier reports the parcel out for delivery: the out-for-delivery notice.",
  delivered: "When the order is delivered: the delivered notice (proof of delivery, feedback link).",
  delay:
    "When a delay is flagged: the delay notice (apology, cause, revised date). Sent by itself only when every required part, the cause too, can be filled in from the delay; otherwise it waits for a rep.",
  request_received: "When a customer asks to modify or cancel: the acknowledgement that the request arrived.",
};

export function NotificationSettingsSummary({ settings }: { settings: NotificationSettings }) {
  const { start, end } = settings.smsQuietHours;
  return (
    <div className="space-y-3 text-sm">
      <dl className="grid grid-cols-[10rem_1fr] gap-y-1">
        {notificationStages.map((stage) => (
          <div key={stage} className="contents">
            <dt className="text-muted-foreground">{notificationStageLabels[stage]}</dt>
            <dd>{settings.stages[stage] === "automatic" ? "Sent automatically" : "Suggested to a rep"}</dd>
          </div>
        ))}
      </dl>
      <p>
        <span className="text-muted-foreground">SMS quiet hours:</span> {start === end ? "None" : `${start}–${end}, customer's time`}
      </p>
    </div>
  );
}

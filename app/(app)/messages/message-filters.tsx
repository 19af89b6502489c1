import Link from "next/link";
import { FilterSelect } from "@/components/filters/filter-select";
import { GetFilterForm } from "@/components/filters/get-filter-form";
import { PeriodFields } from "@/components/messages/period-fields";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { channels, messageStatuses, templates } from "@/db/schema/enums";
import { channelLabels, humanize } from "@/lib/format";
import { activeFilterCount, messageProviders, NO_TEMPLATE, reviewStates, type MessageLogFilters } from "@/lib/messages/log-filters";
import type { SenderOption } from "@/lib/messages/message-log";

type Props = { filters: MessageLogFilters; senders: SenderOption[] };

const templateOptions = [...templates.map((t) => ({ value: t, label: humanize(t) })), { value: NO_TEMPLATE, label: "Free text (no template)" }];

function TextFilter({ id, label, value, placeholder, hint }: { id: string; label: string; value: string | undefined; placeholder?: string; hint?: string }) {
  return (
    <div className="space-y-1">
      <Label htmlFor={id}>{label}</Label>
      <Input id={id} name={id} defaultValue={value ?? ""} placeholder={placeholder} maxLength={200} aria-describedby={hint ? `${id}-hint` : undefined} />
      {hint ? (
        <p id={`${id}-hint`} className="text-xs text-muted-foreground">
          {hint}
        </p>
      ) : null}
    </div>
  );
}

/**
 * The log's filters: a plain GET form (the URL is the state, and it works without JavaScript). Nothing applies
 * until "Apply filters" or Enter, so tabbing through the fields never reloads the page under the keyboard.
 */
export function MessageFilters({ filters, senders }: Props) {
  const active = activeFilterCount(filters);
  return (
    <GetFilterForm action="/messages" role="search" aria-label="Filter messages" className="space-y-4 rounded-lg border p-4">
      <div className="grid gap-3 sm:grid-cols-2 lg:grid-cols-4">
        <div className="sm:col-span-2 lg:col-span-1">
          <TextFilter id="q" label="Search the text" value={filters.q} placeholder='e.g. refund "wrong address"' hint="Words of the subject or body; -word excludes." />
        </div>
        <PeriodFields range={filters.range} from={filters.from} to={filters.to} />
        <FilterSelect id="channel" label="Channel" value={filters.channel} anyLabel="Any channel" options={channels.map((c) => ({ value: c, label: channelLabels[c] }))} />
        <FilterSelect id="template" label="Template" value={filters.template} anyLabel="Any template" options={templateOptions} />
        <FilterSelect id="sender" label="Sent by" value={filters.sender} anyLabel="Anyone" options={senders} />
        <FilterSelect id="status" label="Delivery status" value={filters.status} anyLabel="Any status" options={messageStatuses.map((s) => ({ value: s, label: humanize(s) }))} />
        <FilterSelect id="reviewed" label="Review" value={filters.reviewed} anyLabel="Reviewed or not" options={reviewStates} />
        <TextFilter id="order" label="Order" value={filters.order} placeholder="OL-100123" />
        <TextFilter id="customer" label="Customer" value={filters.customer} placeholder="Email, or part of the name" />
        <FilterSelect id="provider" label="Delivered by" value={filters.provider} anyLabel="Anyone" options={messageProviders} />
      </div>
      <div className="flex flex-wrap items-center gap-3">
        <Button type="submit">Apply filters</Button>
        {active > 0 ? (
          <>
            <Button asChild variant="ghost">
              <Link href="/messages">Clear filters</Link>
            </Button>
            <span className="text-sm text-muted-foreground" data-testid="active-filter-count">
              {active === 1 ? "1 filter active" : `${active} filters active`}
            </span>
          </>
        ) : null}
      </div>
    </GetFilterForm>
  );
}

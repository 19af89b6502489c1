import type { Metadata } from "next";
import Link from "next/link";
import { GetFilterForm } from "@/components/filters/get-filter-form";
import { PeriodFields } from "@/components/messages/period-fields";
import { Button } from "@/components/ui/button";
import { Table, TableBody, TableCell, TableFooter, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { getDb } from "@/db/client";
import { requireScreen } from "@/lib/auth/session";
import { messageLogQuery, parseMessageLogFilters, type MessageLogFilters, type ReviewState } from "@/lib/messages/log-filters";
import { describePeriod, resolvePeriod } from "@/lib/messages/period";
import { messageQualitySummary, type QualityRow } from "@/lib/messages/quality-summary";
import { LOW_REVIEW_SCORE } from "@/lib/messages/review-schema";
import { viewerTimeZone } from "@/lib/viewer";

export const metadata: Metadata = { title: "Quality review" };

type Figures = Omit<QualityRow, "sender" | "name" | "role">;

const count = (n: number) => n.toLocaleString("en-US");
const percent = (ratio: number | null) => (ratio === null ? "—" : `${Math.round(ratio * 100)} %`);
const mean = (score: number | null) => (score === null ? "—" : score.toFixed(2));

/** A figure that opens the log behind it (same period and sender, and the review state it counts). */
function Figure({ period, sender, reviewed, label, children }: { period: MessageLogFilters; sender?: string; reviewed?: ReviewState; label: string; children: React.ReactNode }) {
  const query = messageLogQuery({ range: period.range, from: period.from, to: period.to, sender, reviewed });
  return (
    <Link href={`/messages${query}`} aria-label={label} className="text-primary tabular-nums underline-offset-4 hover:underline">
      {children}
    </Link>
  );
}

function FigureCells({ figures, period, sender, who }: { figures: Figures; period: MessageLogFilters; sender?: string; who: string }) {
  const link = { period, sender };
  return (
    <>
      <TableCell className="text-right">
        <Figure {...link} label={`${count(figures.sent)} messages by ${who}`}>
          {count(figures.sent)}
        </Figure>
      </TableCell>
      <TableCell className="text-right">
        <Figure {...link} reviewed="yes" label={`${count(figures.reviewed)} reviewed messages by ${who}`}>
          {count(figures.reviewed)}
        </Figure>
      </TableCell>
      <TableCell className="text-right">
        {/* Coverage opens what is left to review: the next thing a supervisor wants. */}
        <Figure {...link} reviewed="no" label={`${percent(figures.coverage)} reviewed: open the ${count(figures.sent - figures.reviewed)} not yet reviewed messages by ${who}`}>
          {percent(figures.coverage)}
        </Figure>
      </TableCell>
      <TableCell className="text-right">
        <Figure {...link} reviewed="yes" label={`Mean score ${mean(figures.meanScore)}: reviewed messages by ${who}`}>
          {mean(figures.meanScore)}
        </Figure>
      </TableCell>
      <TableCell className="text-right">
        <Figure {...link} reviewed="low" label={`${count(figures.lowScores)} low-scored messages by ${who}`}>
          {count(figures.lowScores)}
        </Figure>
      </TableCell>
    </>
  );
}

export default async function QualityPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  await requireScreen("messageQuality");
  const { filters } = parseMessageLogFilters(await searchParams);
  // Only the period matters here; without one, the last 30 days.
  const period: MessageLogFilters = filters.range || filters.from || filters.to ? { range: filters.range, from: filters.from, to: filters.to } : { range: "30d" };
  const timeZone = await viewerTimeZone();
  const resolved = resolvePeriod(period, timeZone, new Date());
  const summary = await messageQualitySummary(await getDb(), resolved);

  return (
    <div className="space-y-6">
      <div className="space-y-1">
        <Link href="/messages" className="text-sm text-muted-foreground hover:underline">
          ← Messages
        </Link>
        <h1 className="text-2xl font-semibold tracking-tight">Quality review</h1>
        <p className="max-w-3xl text-sm text-muted-foreground">
          Messages each sender wrote in the period, how many a supervisor has reviewed (SOP 002 §6), their mean score and the low
          scores (≤ {LOW_REVIEW_SCORE}). Every figure opens the messages behind it.
        </p>
      </div>

      <GetFilterForm action="/messages/quality" role="search" aria-label="Choose the period" className="flex flex-wrap items-end gap-3 rounded-lg border p-4">
        <div key={messageLogQuery(period)} className="grid gap-3 sm:grid-cols-3">
          <PeriodFields range={period.range} from={period.from} to={period.to} allowAnyTime={false} />
        </div>
        <Button type="submit">Show</Button>
      </GetFilterForm>

      <p className="text-sm text-muted-foreground">
        Written {describePeriod(resolved)} · days in {timeZone}
      </p>

      <Table>
        <TableHeader>
          <TableRow>
            <TableHead>Sender</TableHead>
            <TableHead className="text-right">Messages</TableHead>
            <TableHead className="text-right">Reviewed</TableHead>
            <TableHead className="text-right">Coverage</TableHead>
            <TableHead className="text-right">Mean score</TableHead>
            <TableHead className="text-right">Low scores (≤ {LOW_REVIEW_SCORE})</TableHead>
          </TableRow>
        </TableHeader>
        <TableBody>
          {summary.rows.map((row) => (
            <TableRow key={row.sender}>
              <TableHead scope="row" className="font-medium">
                {row.name}
                {row.role === "supervisor" ? <span className="ml-2 text-xs text-muted-foreground">supervisor</span> : null}
              </TableHead>
              <FigureCells figures={row} period={period} sender={row.sender} who={row.name} />
            </TableRow>
          ))}
        </TableBody>
        <TableFooter>
          <TableRow>
            <TableHead scope="row">Everyone</TableHead>
            <FigureCells figures={summary.totals} period={period} who="everyone" />
          </TableRow>
        </TableFooter>
      </Table>
    </div>
  );
}

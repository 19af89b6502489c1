import type { Metadata } from "next";
import { headers } from "next/headers";
import { notFound } from "next/navigation";
import { getDb } from "@/db/client";
import { clientAddressKey } from "@/lib/security/client-address";
import { bannerFor } from "@/lib/tracking-page/banners";
import { isTrackingToken, loadTrackingView } from "@/lib/tracking-page/load-tracking-view";
import { trackingLimits } from "@/lib/tracking-page/tracking-limits";
import { DeliverySummary, MessagesSection, RequestsSection, StatusTimeline, WhatYouOrdered } from "./tracking-sections";
import { ChangeRequestForms, QuestionForm, RatingForm } from "./tracking-forms";

// Always rendered for the request: the token is checked, limits counted and the order read fresh on every view.
export const dynamic = "force-dynamic";

// "same-origin": the token in this address never goes to another site (a carrier's tracking page) as a Referer,
// while the page's own form posts keep their Origin header, which Next.js checks on every server action
// ("no-referrer" would make browsers send `Origin: null` and every form would be refused).
export const metadata: Metadata = { robots: { index: false, follow: false, nocache: true }, referrer: "same-origin" };

type Props = { params: Promise<{ token: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function TrackingPage({ params, searchParams }: Props) {
  const [{ token }, query, requestHeaders] = await Promise.all([params, searchParams, headers()]);
  const ip = clientAddressKey(requestHeaders);
  const db = await getDb();
  // Over a limit, a malformed token and an unknown one all get the same 404, and only a well-formed token within
  // the limits costs a lookup.
  if (!(await trackingLimits.admitView(db, ip))) notFound();
  const view = isTrackingToken(token) ? await loadTrackingView(db, token) : null;
  if (!view) {
    await trackingLimits.recordNotFound(db, ip);
    notFound();
  }
  const banner = bannerFor(query);

  return (
    <div className="space-y-6">
      {banner ? (
        <div
          role={banner.kind === "error" ? "alert" : "status"}
          data-testid="tracking-banner"
          className={
            banner.kind === "error"
              ? "rounded-md border border-destructive/40 bg-destructive/10 p-3 text-sm font-medium text-destructive"
              : "rounded-md border border-success/40 bg-success/10 p-3 text-sm font-medium"
          }
        >
          {banner.text}
        </div>
      ) : null}

      <DeliverySummary view={view} />
      <StatusTimeline view={view} />
      <WhatYouOrdered view={view} />
      <MessagesSection view={view} />
      <RequestsSection view={view} />

      {view.canRate ? <RatingForm token={token} feedback={view.feedback} /> : null}
      {view.canAsk ? <QuestionForm token={token} questions={view.questions} /> : null}
      <ChangeRequestForms token={token} view={view} />
    </div>
  );
}

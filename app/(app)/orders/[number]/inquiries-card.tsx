import Link from "next/link";
import { InquiryStatusBadge } from "@/components/inquiries/inquiry-badges";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import type { Inquiry } from "@/db/schema";
import { formatDateTime } from "@/lib/format";
import { inquiryChannelLabels } from "@/lib/inquiries/inquiry-schemas";
import { firstLine } from "@/lib/inquiries/list-inquiries";
import { LogInquiryButton } from "../../inquiries/log-inquiry-dialog";

type Props = { inquiries: Inquiry[]; orderNumber: string; customerEmail: string | null; canWork: boolean; timeZone: string };

/** The order's customer questions, newest first, each leading to its inquiry page (for those who work inquiries). */
export function InquiriesCard({ inquiries, orderNumber, customerEmail, canWork, timeZone }: Props) {
  return (
    <Card id="inquiries">
      <CardHeader className="flex flex-row flex-wrap items-center justify-between gap-2">
        <CardTitle>Inquiries</CardTitle>
        {canWork ? <LogInquiryButton orderNumber={orderNumber} customerEmail={customerEmail} /> : null}
      </CardHeader>
      <CardContent>
        {inquiries.length === 0 ? (
          <p className="text-sm text-muted-foreground">No questions about this order.</p>
        ) : (
          <ul className="divide-y" data-testid="order-inquiries">
            {inquiries.map((inquiry) => (
              <li key={inquiry.id} className="space-y-1 py-3 text-sm first:pt-0 last:pb-0" data-testid="order-inquiry">
                <div className="flex flex-wrap items-center gap-2">
                  {canWork ? (
                    <Link href={`/inquiries/${inquiry.id}`} className="font-medium text-primary underline-offset-4 hover:underline">
                      {firstLine(inquiry.body) || "(no text)"}
                    </Link>
                  ) : (
                    <span className="font-medium">{firstLine(inquiry.body) || "(no text)"}</span>
                  )}
                  <InquiryStatusBadge status={inquiry.status} />
                </div>
                <p className="text-xs text-muted-foreground">
                  {inquiryChannelLabels[inquiry.channel]}, {formatDateTime(inquiry.createdAt, timeZone)}
                  {inquiry.firstResponseAt ? ` · first answered ${formatDateTime(inquiry.firstResponseAt, timeZone)}` : ""}
                </p>
              </li>
            ))}
          </ul>
        )}
      </CardContent>
    </Card>
  );
}

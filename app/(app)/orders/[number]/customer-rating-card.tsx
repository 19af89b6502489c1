import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import type { Feedback } from "@/db/schema";
import { formatDateTime } from "@/lib/format";

/** The customer's CSAT rating from the tracking page (SOP 004 §7), once they have given one. */
export function CustomerRatingCard({ feedback, timeZone }: { feedback: Feedback | null; timeZone: string }) {
  if (!feedback) return null;
  return (
    <Card data-testid="customer-rating">
      <CardHeader>
        <CardTitle>Customer rating</CardTitle>
      </CardHeader>
      <CardContent className="space-y-1 text-sm">
        <p>
          <span aria-hidden="true" className="text-lg tracking-widest text-warning">
            {"★".repeat(feedback.rating)}
            <span className="text-muted-foreground/40">{"★".repeat(5 - feedback.rating)}</span>
          </span>{" "}
          <span className="font-medium">{feedback.rating} of 5</span>
        </p>
        {feedback.comment ? <p className="whitespace-pre-wrap">{feedback.comment}</p> : null}
        <p className="text-xs text-muted-foreground">
          {feedback.updatedAt > feedback.createdAt ? "Changed" : "Given"} {formatDateTime(feedback.updatedAt, timeZone)}
        </p>
      </CardContent>
    </Card>
  );
}

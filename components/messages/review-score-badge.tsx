import { Badge } from "@/components/ui/badge";
import { LOW_REVIEW_SCORE } from "@/lib/messages/review-schema";

/** A review score out of 5, red when low (the quality summary's "low" is the same threshold). */
export function ReviewScoreBadge({ score }: { score: number }) {
  const variant = score <= LOW_REVIEW_SCORE ? "destructive" : score >= 4 ? "success" : "secondary";
  return (
    <Badge variant={variant} data-testid="review-score">
      <span className="sr-only">Review score </span>
      {score}/5
    </Badge>
  );
}

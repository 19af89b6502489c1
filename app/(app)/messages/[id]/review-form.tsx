"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition, type FormEvent } from "react";
import { Button } from "@/components/ui/button";
import { FieldError } from "@/components/ui/form-field";
import { Label } from "@/components/ui/label";
import { Textarea } from "@/components/ui/textarea";
import { toast } from "@/components/ui/toast";
import { REVIEW_COMMENT_MAX, reviewScoreLabels } from "@/lib/messages/review-schema";
import { reviewMessageAction } from "../actions";

type Props = { messageId: string; score: number | null; comment: string | null; reviewed: boolean };

/** The supervisor's review form: a score from 1 to 5 (radio buttons: arrow keys move between them) and a comment. */
export function ReviewForm({ messageId, score, comment, reviewed }: Props) {
  const router = useRouter();
  const [errors, setErrors] = useState<Record<string, string[]>>({});
  const [isPending, startTransition] = useTransition();

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const input = { messageId, score: String(form.get("score") ?? ""), comment: String(form.get("comment") ?? "") };
    startTransition(async () => {
      const result = await reviewMessageAction(input);
      if (result.ok) {
        setErrors({});
        toast({ title: reviewed ? "Review updated" : "Marked reviewed", variant: "success" });
      } else {
        setErrors(result.fieldErrors ?? {});
        toast({ title: result.message, variant: "destructive" });
      }
      router.refresh();
    });
  }

  return (
    <form onSubmit={onSubmit} className="space-y-4" aria-label="Review this message" noValidate>
      <fieldset className="space-y-2" aria-describedby={errors.score ? "review-score-error" : undefined}>
        <legend className="text-sm font-medium">Score</legend>
        <div className="flex flex-wrap gap-2">
          {[1, 2, 3, 4, 5].map((value) => (
            <label key={value} className="flex cursor-pointer items-center gap-2 rounded-md border px-3 py-1.5 text-sm has-[:checked]:border-primary has-[:checked]:bg-primary/10 has-[:focus-visible]:ring-[3px] has-[:focus-visible]:ring-ring/50">
              <input type="radio" name="score" value={value} defaultChecked={score === value} className="accent-primary" />
              {reviewScoreLabels[value]}
            </label>
          ))}
        </div>
        <FieldError id="review-score-error" error={errors.score} />
      </fieldset>
      <div className="space-y-2">
        <Label htmlFor="review-comment">Comment</Label>
        <Textarea
          id="review-comment"
          name="comment"
          rows={3}
          maxLength={REVIEW_COMMENT_MAX}
          defaultValue={comment ?? ""}
          placeholder="What was good, what to change (quality, accuracy, timeliness)"
          aria-invalid={errors.comment ? true : undefined}
          aria-describedby={errors.comment ? "review-comment-error" : undefined}
        />
        <FieldError id="review-comment-error" error={errors.comment} />
      </div>
      <Button type="submit" disabled={isPending}>
        {isPending ? "Saving…" : reviewed ? "Update review" : "Mark reviewed"}
      </Button>
    </form>
  );
}

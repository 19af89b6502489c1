"use client";

import { useRef, useState } from "react";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { NativeSelect } from "@/components/ui/select";
import { periodPresets, type PeriodPreset } from "@/lib/messages/period";

type Props = {
  range: PeriodPreset | undefined;
  from: string | undefined;
  to: string | undefined;
  /** Offer "Any time" (the log); the quality summary always has a period. */
  allowAnyTime?: boolean;
};

/**
 * The period of a GET filter form: a preset or custom dates (calendar days in the viewer's zone). Choosing a preset
 * empties the dates and typing a date switches to "Custom dates", so the form never sends a preset and dates that
 * disagree. Without JavaScript it still submits; the server lets dates win.
 */
export function PeriodFields({ range, from, to, allowAnyTime = true }: Props) {
  const [choice, setChoice] = useState<string>(from || to ? "custom" : (range ?? ""));
  const fromRef = useRef<HTMLInputElement>(null);
  const toRef = useRef<HTMLInputElement>(null);

  function choose(value: string) {
    setChoice(value);
    if (value !== "custom") {
      if (fromRef.current) fromRef.current.value = "";
      if (toRef.current) toRef.current.value = "";
    }
  }

  return (
    <>
      <div className="space-y-1">
        <Label htmlFor="range">Period</Label>
        <NativeSelect id="range" name="range" value={choice} onChange={(e) => choose(e.target.value)} wrapperClassName="w-full">
          {allowAnyTime ? <option value="">Any time</option> : null}
          {periodPresets.map((p) => (
            <option key={p.value} value={p.value}>
              {p.label}
            </option>
          ))}
          <option value="custom">Custom dates</option>
        </NativeSelect>
      </div>
      <div className="space-y-1">
        <Label htmlFor="from">From</Label>
        <Input ref={fromRef} id="from" name="from" type="date" defaultValue={from ?? ""} onChange={() => setChoice("custom")} />
      </div>
      <div className="space-y-1">
        <Label htmlFor="to">To</Label>
        <Input ref={toRef} id="to" name="to" type="date" defaultValue={to ?? ""} onChange={() => setChoice("custom")} />
      </div>
    </>
  );
}

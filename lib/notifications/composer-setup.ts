import type { Db } from "@/db/client";
import { channels, templates, type Channel, type ClockKind, type TemplateName } from "@/db/schema";
import { clockMetByTemplate } from "@/lib/sla/clock-rules";
import { loadNoticeFacts } from "./notice-facts";
import { channelProblem } from "./send-notice";
import { defaultFields, suggestedTemplate, templateFields, type TemplateField } from "./templates";

// Everything the composer needs before the rep types: which template the most urgent open clock asks for, each
// template's fields prefilled from the order, and which channels can reach the customer at all.

export type ComposerSetup = {
  suggested: { template: TemplateName; clockKind: ClockKind | null } | null;
  fields: Record<TemplateName, TemplateField[]>;
  defaults: Record<TemplateName, Record<string, string>>;
  preferredChannel: Channel;
  channelProblems: Record<Channel, string | null>;
  customerTimeZone: string;
};

/** `openClockKinds`: the order's open clocks, most urgent first (as the order page lists them). */
export async function composerSetup(db: Db, orderId: string, openClockKinds: ClockKind[]): Promise<ComposerSetup> {
  const facts = await loadNoticeFacts(db, { orderId });
  const suggested = suggestedTemplate(openClockKinds);
  return {
    suggested: suggested ? { template: suggested, clockKind: clockMetByTemplate[suggested] ?? null } : null,
    fields: Object.fromEntries(templates.map((t) => [t, templateFields[t]])) as Record<TemplateName, TemplateField[]>,
    defaults: Object.fromEntries(templates.map((t) => [t, defaultFields(t, facts)])) as Record<TemplateName, Record<string, string>>,
    preferredChannel: facts.customer.preferredChannel,
    channelProblems: Object.fromEntries(channels.map((c) => [c, channelProblem(c, facts)])) as Record<Channel, string | null>,
    customerTimeZone: facts.customer.timeZone,
  };
}

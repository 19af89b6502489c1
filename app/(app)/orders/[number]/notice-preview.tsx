"use client";

import { Spinner } from "@/components/ui/spinner";
import { Tabs, TabsContent, TabsList, TabsTrigger } from "@/components/ui/tabs";
import type { NoticePreview as Preview } from "@/lib/notifications/preview-notice";

export type PreviewTab = "email" | "sms" | "call";

type Props = {
  preview: Preview | null;
  tab: PreviewTab;
  onTabChange: (tab: PreviewTab) => void;
  isFetching: boolean;
  error: string | null;
};

/** The notice as the customer will get it: the email in a sandboxed frame (no scripts, no same-origin), the SMS, the call script. */
export function NoticePreview({ preview, tab, onTabChange, isFetching, error }: Props) {
  return (
    <section aria-labelledby="notice-preview-heading" className="flex min-w-0 flex-col gap-2">
      <div className="flex items-center justify-between gap-2">
        <h3 id="notice-preview-heading" className="text-sm font-semibold">
          Preview
        </h3>
        {isFetching ? (
          <Spinner label="Updating the preview…" iconClassName="size-4 text-muted-foreground" />
        ) : null}
      </div>
      {error ? (
        <p role="alert" className="text-sm text-destructive">
          {error}
        </p>
      ) : null}
      <Tabs value={tab} onValueChange={(value) => onTabChange(value as PreviewTab)}>
        <TabsList>
          <TabsTrigger value="email">Email</TabsTrigger>
          <TabsTrigger value="sms">SMS</TabsTrigger>
          <TabsTrigger value="call">Call script</TabsTrigger>
        </TabsList>
        <TabsContent value="email" className="space-y-2">
          {preview ? (
            <>
              <p className="text-sm">
                <span className="text-muted-foreground">Subject: </span>
                <span className="font-medium" data-testid="preview-subject">
                  {preview.subject}
                </span>
              </p>
              {/* sandbox="" : the customer's HTML runs no script and cannot reach this page or its cookies. */}
              <iframe sandbox="" srcDoc={preview.html} title="Email preview" className="h-[28rem] w-full rounded-md border bg-white" />
            </>
          ) : (
            <PreviewPlaceholder />
          )}
        </TabsContent>
        <TabsContent value="sms" className="space-y-2">
          {preview ? (
            <>
              <p className="rounded-lg bg-muted p-3 text-sm whitespace-pre-wrap wrap-anywhere" data-testid="preview-sms">
                {preview.sms}
              </p>
              <p className="text-xs text-muted-foreground tabular-nums" data-testid="preview-sms-count">
                {preview.smsSegments.characters} characters · {preview.smsSegments.segments} {preview.smsSegments.segments === 1 ? "segment" : "segments"} (
                {preview.smsSegments.encoding})
              </p>
            </>
          ) : (
            <PreviewPlaceholder />
          )}
        </TabsContent>
        <TabsContent value="call">
          {preview ? (
            <p className="rounded-lg border p-3 text-sm whitespace-pre-wrap wrap-anywhere" data-testid="preview-call-script">
              {preview.callScript}
            </p>
          ) : (
            <PreviewPlaceholder />
          )}
        </TabsContent>
      </Tabs>
    </section>
  );
}

function PreviewPlaceholder() {
  return <p className="rounded-lg border border-dashed p-6 text-center text-sm text-muted-foreground">Rendering the preview…</p>;
}

"use client";

import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { toast } from "@/components/ui/toast";

/** A temporary password, shown the one time it exists in the browser, with a copy button and a way to put it away. */
export function OneTimePassword({ name, password, onDone }: { name: string; password: string; onDone: () => void }) {
  async function copy() {
    try {
      await navigator.clipboard.writeText(password);
      toast({ title: "Password copied", variant: "success" });
    } catch {
      toast({ title: "Could not copy", description: "Select the password and copy it by hand.", variant: "destructive" });
    }
  }
  return (
    <div role="status" className="space-y-2 rounded-md border border-warning/50 bg-warning/10 p-3 text-sm">
      <p className="font-medium">
        Temporary password for {name}. Give it to them now: it is shown only once. They sign in with it; an admin can
        reset it again if it is lost.
      </p>
      <div className="flex flex-wrap gap-2">
        <Input
          readOnly
          value={password}
          aria-label={`Temporary password for ${name}`}
          data-testid="temporary-password"
          className="font-mono sm:w-80"
          onFocus={(event) => event.currentTarget.select()}
        />
        <Button type="button" variant="outline" onClick={() => void copy()}>
          Copy
        </Button>
      </div>
      <Button type="button" variant="ghost" onClick={onDone}>
        I have passed it on
      </Button>
    </div>
  );
}

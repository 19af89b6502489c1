import * as React from "react";
import { Loader2Icon } from "lucide-react";

import { cn } from "@/lib/utils";

type SpinnerProps = React.ComponentProps<"span"> & {
  /** Text announced to screen readers. */
  label?: string;
  /** Classes for the icon (e.g. "size-6"). */
  iconClassName?: string;
};

function Spinner({ className, label = "Loading…", iconClassName, ...props }: SpinnerProps) {
  return (
    <span
      role="status"
      data-slot="spinner"
      className={cn("inline-flex items-center justify-center", className)}
      {...props}
    >
      <Loader2Icon aria-hidden="true" className={cn("size-4 animate-spin", iconClassName)} />
      <span className="sr-only">{label}</span>
    </span>
  );
}

export { Spinner, type SpinnerProps };

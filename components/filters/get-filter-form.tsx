"use client";

import { useRouter } from "next/navigation";
import type { ComponentProps, FormEvent } from "react";

type Props = Omit<ComponentProps<"form">, "method" | "onSubmit"> & { action: string };

/**
 * A GET filter form that leaves empty fields out of the URL ("?channel=sms", not "?q=&channel=sms&…") and
 * navigates without a full reload. Without JavaScript it is a plain GET form and still works.
 */
export function GetFilterForm({ action, children, ...props }: Props) {
  const router = useRouter();

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const params = new URLSearchParams();
    for (const [key, value] of new FormData(event.currentTarget)) {
      if (typeof value === "string" && value.trim() !== "") params.append(key, value.trim());
    }
    const query = params.toString();
    router.push(query ? `${action}?${query}` : action);
  }

  return (
    <form method="get" action={action} onSubmit={onSubmit} {...props}>
      {children}
    </form>
  );
}

"use client";

import { useActionState } from "react";
import { Button } from "@/components/ui/button";
import { Card, CardContent } from "@/components/ui/card";
import { FormField } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import { Spinner } from "@/components/ui/spinner";
import { signInWithPassword, type SignInState } from "./actions";

export function SignInForm({ initialMessage }: { initialMessage?: string }) {
  const [state, formAction, pending] = useActionState<SignInState, FormData>(signInWithPassword, { message: initialMessage });
  const emailError = state.fieldErrors?.email;
  const passwordError = state.fieldErrors?.password;
  return (
    <Card>
      <CardContent className="pt-6">
        <form action={formAction} className="space-y-4" noValidate>
          {state.message ? (
            <p role="alert" className="rounded-md border border-destructive/40 bg-destructive/10 px-3 py-2 text-sm text-destructive">
              {state.message}
            </p>
          ) : null}
          <FormField label="Email" htmlFor="email" error={emailError}>
            <Input
              id="email"
              name="email"
              type="email"
              autoComplete="username"
              defaultValue={state.email}
              required
              autoFocus
              aria-invalid={emailError ? true : undefined}
              aria-describedby={emailError ? "email-error" : undefined}
            />
          </FormField>
          <FormField label="Password" htmlFor="password" error={passwordError}>
            <Input
              id="password"
              name="password"
              type="password"
              autoComplete="current-password"
              required
              aria-invalid={passwordError ? true : undefined}
              aria-describedby={passwordError ? "password-error" : undefined}
            />
          </FormField>
          <Button type="submit" className="w-full" disabled={pending}>
            {pending ? <Spinner /> : null}
            Sign in
          </Button>
        </form>
      </CardContent>
    </Card>
  );
}

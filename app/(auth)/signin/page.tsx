import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { getDb } from "@/db/client";
import { roleHome, roleLabels } from "@/lib/auth/access";
import { getCurrentUser } from "@/lib/auth/session";
import { demoDataOn, demoLogins } from "@/lib/demo-data";
import { firstSearchParams, type PageSearchParams } from "@/lib/search-params";
import { SignInForm } from "./signin-form";

export const metadata: Metadata = { title: "Sign in" };

// Auth.js's own endpoint (used by scripts and tests) redirects here with ?error=…&code=… when it refuses.
function refusalMessage(params: Record<string, string | undefined>): string | undefined {
  if (params.code === "rate_limited") return "Too many sign-in attempts. Try again in a few minutes.";
  if (params.error === "CredentialsSignin") return "Email or password is incorrect.";
  return undefined;
}

export default async function SignInPage({ searchParams }: { searchParams: Promise<PageSearchParams> }) {
  const user = await getCurrentUser();
  if (user) redirect(roleHome[user.role]);
  const message = refusalMessage(firstSearchParams(await searchParams));
  // The demo logins only where they work: a real installation's sign-in page names no accounts.
  const demo = (await demoDataOn(await getDb())) ? demoLogins() : null;
  return (
    <main className="flex min-h-screen items-center justify-center bg-muted/40 p-4">
      <div className="w-full max-w-sm space-y-6">
        <div className="space-y-1 text-center">
          <p className="text-2xl font-semibold tracking-tight">Orderline</p>
          <h1 className="text-sm text-muted-foreground">Sign in to keep your customers informed</h1>
        </div>
        <SignInForm initialMessage={message} />
        {demo ? (
          <section aria-labelledby="demo-logins" data-testid="demo-logins" className="rounded-md border border-dashed px-4 py-3 text-sm text-muted-foreground">
            <h2 id="demo-logins" className="font-medium text-foreground">
              Demo logins
            </h2>
            <p>
              Password <code>{demo.password}</code> for each:
            </p>
            <ul className="mt-1 space-y-0.5">
              {demo.accounts.map((account) => (
                <li key={account.email}>
                  <code>{account.email}</code> ({roleLabels[account.role]})
                </li>
              ))}
            </ul>
          </section>
        ) : null}
      </div>
    </main>
  );
}

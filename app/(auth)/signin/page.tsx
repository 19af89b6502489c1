import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { roleHome } from "@/lib/auth/access";
import { getCurrentUser } from "@/lib/auth/session";
import { SignInForm } from "./signin-form";

export const metadata: Metadata = { title: "Sign in" };

export default async function SignInPage() {
  const user = await getCurrentUser();
  if (user) redirect(roleHome[user.role]);
  return (
    <main className="flex min-h-screen items-center justify-center bg-muted/40 p-4">
      <div className="w-full max-w-sm space-y-6">
        <div className="space-y-1 text-center">
          <p className="text-2xl font-semibold tracking-tight">Orderline</p>
          <h1 className="text-sm text-muted-foreground">Sign in to keep your customers informed</h1>
        </div>
        <SignInForm />
      </div>
    </main>
  );
}

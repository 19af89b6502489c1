import Link from "next/link";

export default function Forbidden() {
  return (
    <main className="mx-auto flex min-h-[60vh] max-w-md flex-col items-center justify-center gap-3 p-6 text-center">
      <p className="text-sm font-medium text-muted-foreground">403</p>
      <h1 className="text-2xl font-semibold">This page is not part of your role</h1>
      <p className="text-muted-foreground">Ask a supervisor or admin if you need access.</p>
      <Link href="/" className="text-primary underline-offset-4 hover:underline">
        Go to your home page
      </Link>
    </main>
  );
}

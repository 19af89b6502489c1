import Link from "next/link";

export default function NotFound() {
  return (
    <main className="mx-auto flex min-h-[60vh] max-w-md flex-col items-center justify-center gap-3 p-6 text-center">
      <p className="text-sm font-medium text-muted-foreground">404</p>
      <h1 className="text-2xl font-semibold">Not found</h1>
      <Link href="/" className="text-primary underline-offset-4 hover:underline">
        Go to your home page
      </Link>
    </main>
  );
}

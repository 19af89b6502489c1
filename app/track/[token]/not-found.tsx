// The one answer for every token that does not open an order (malformed, wrong, unknown, or asked too often): the
// same words and the same 404, so the page never tells a guesser anything.
export default function TrackingNotFound() {
  return (
    <div className="space-y-2 py-12 text-center">
      <p className="text-sm font-medium text-muted-foreground">404</p>
      <h1 className="text-xl font-semibold">This tracking link is not valid.</h1>
    </div>
  );
}

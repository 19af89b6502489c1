// Runs once when `next dev` or `next start` boots (not during `next build`): check the settings (in production,
// refuse to start with unsafe ones, listing every problem), bring the database schema up to date, and fill an empty
// development database with demo data so `npm install && npm run dev` is all a newcomer needs; then start the outbox
// worker (lib/delivery), which delivers queued email and SMS — to the local outbox when no provider keys are set; on
// SIGTERM/SIGINT, stop it and close the database before the process exits.
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { announceStarted, handleShutdownSignals, prepareDatabase, startOutboxWorker } = await import("./lib/startup");
  await prepareDatabase();
  await startOutboxWorker();
  handleShutdownSignals();
  announceStarted();
}

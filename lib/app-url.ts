/** The app's public address (README: APP_URL), without a trailing slash: links in customer notices start here. */
export function appUrl(): string {
  return (process.env.APP_URL ?? "http://localhost:3000").replace(/\/+$/, "");
}

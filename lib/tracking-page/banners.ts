// After a form on the tracking page, the action redirects back with ?done=… or ?error=… naming one of these. Only
// codes travel in the address: the page never shows text taken from the URL, so a crafted link cannot make the
// shop's page say something the shop did not write.

export const doneBanners = {
  // The reply time is the question's own (the SLA policy is editable): the list under "Ask a question" says it.
  question: "Thanks — we received your question. You can see it below, with when we will answer.",
  request: "Thanks — we received your request and will answer within 24 hours.",
  rating: "Thanks for rating your delivery.",
} as const;

export const errorBanners = {
  question: "Please write your question (up to 2,000 characters).",
  address: "Please fill in the new address: recipient, street, city, postal code and the two-letter country code.",
  date: "Please choose a new delivery date between tomorrow and 60 days from now.",
  items: "Please say which items or quantities should change.",
  reason: "Please keep the reason to 500 characters.",
  "not-allowed": "That change is no longer possible for this order — the list below says why.",
  rating: "Please choose a rating from 1 to 5 (a comment can be up to 2,000 characters).",
  "rating-early": "You can rate the delivery once it has arrived.",
  text: "Please remove the invisible control character from what you wrote, then send it again.",
  busy: "Too many attempts in a short time. Please wait a minute and try again.",
  failed: "Something went wrong on our side. Nothing was changed; please try again.",
} as const;

export type DoneCode = keyof typeof doneBanners;
export type ErrorCode = keyof typeof errorBanners;

/** The banner for the page's query, or null for anything that is not one of the codes above. */
export function bannerFor(query: { done?: string | string[]; error?: string | string[] }): { kind: "done" | "error"; text: string } | null {
  const error = typeof query.error === "string" ? query.error : undefined;
  if (error && Object.hasOwn(errorBanners, error)) return { kind: "error", text: errorBanners[error as ErrorCode] };
  const done = typeof query.done === "string" ? query.done : undefined;
  if (done && Object.hasOwn(doneBanners, done)) return { kind: "done", text: doneBanners[done as DoneCode] };
  return null;
}

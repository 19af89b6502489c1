// The one password rule, for every password a person chooses or an admin types (creating a user, resetting one).
// Length does most of the work (NIST SP 800-63B: at least 8, we ask 12 because staff accounts see every customer);
// the other checks refuse the handful of shapes that guessers try first. No composition rules ("one digit, one
// symbol"): they push people to Password1! without making passwords harder to guess.

export const MIN_PASSWORD_LENGTH = 12;
// bcrypt reads only the first 72 bytes; a longer password would be silently cut, so it is refused instead.
export const MAX_PASSWORD_BYTES = 72;

// The most common passwords (and keyboard walks) that reach 12 characters, compared after lower-casing; and the
// words at the heart of most others, compared after dropping digits and symbols ("Password2024!" → "password").
const COMMON_PASSWORDS = new Set([
  "123456789012",
  "1234567890123",
  "12345678910",
  "123456789101",
  "1q2w3e4r5t6y",
  "1qaz2wsx3edc",
  "qwertyuiop12",
  "qwertyuiopasdf",
  "qwertyuiopasdfgh",
  "asdfghjkl123",
  "zxcvbnm12345",
  "iloveyou1234",
  "password1234",
  "password12345",
  "passwordpassword",
  "abcdefghijkl",
  "abcd1234abcd",
  "aa1234567890",
  "000000000000",
  "111111111111",
]);
const COMMON_WORDS = new Set([
  "password",
  "passwords",
  "passw",
  "pass",
  "qwerty",
  "qwertyuiop",
  "qwertyuiopasdfghjkl",
  "asdfgh",
  "asdfghjkl",
  "zxcvbnm",
  "qazwsx",
  "qwe",
  "abc",
  "abcdef",
  "abcdefgh",
  "letmein",
  "welcome",
  "welcomeback",
  "iloveyou",
  "admin",
  "administrator",
  "changeme",
  "secret",
  "monkey",
  "dragon",
  "football",
  "baseball",
  "sunshine",
  "princess",
  "superman",
  "trustno",
  "master",
  "login",
  "starwars",
  "whatever",
  "orderline",
  "customerservice",
  "supervisor",
  "fulfillment",
  "summer",
  "winter",
  "spring",
  "autumn",
]);

export type PasswordOwner = { email: string; name?: string | null };

/** Why this password is refused (a sentence for the person typing it), or null when it is acceptable. */
export function passwordProblem(password: string, owner: PasswordOwner): string | null {
  const characters = [...password];
  if (characters.length < MIN_PASSWORD_LENGTH) return `Use at least ${MIN_PASSWORD_LENGTH} characters.`;
  if (new TextEncoder().encode(password).length > MAX_PASSWORD_BYTES) return `Use at most ${MAX_PASSWORD_BYTES} characters.`;
  if (password.trim() !== password) return "Remove the spaces at the start or end.";

  const counts = new Map<string, number>();
  for (const c of characters) counts.set(c.toLowerCase(), (counts.get(c.toLowerCase()) ?? 0) + 1);
  const mostRepeated = Math.max(...counts.values());
  if (counts.size < 5 || mostRepeated * 2 > characters.length) return "Use more different characters: this one is mostly the same few.";

  const lower = password.toLowerCase();
  const letters = lower.replace(/[^\p{L}]/gu, "");
  if (COMMON_PASSWORDS.has(lower) || COMMON_WORDS.has(letters) || isSequence(lower)) {
    return "This password is among the first that guessers try; choose a less common one.";
  }

  for (const part of personalParts(owner)) {
    if (lower.includes(part)) return "Do not use your name or the name in your email address.";
  }
  return null;
}

/** Runs like "abcdefghijkl" or "987654321098": each character one up (or down) from the previous. */
function isSequence(lower: string): boolean {
  let up = 0;
  let down = 0;
  for (let i = 1; i < lower.length; i += 1) {
    const step = lower.charCodeAt(i) - lower.charCodeAt(i - 1);
    if (step === 1 || step === -9) up += 1;
    if (step === -1 || step === 9) down += 1;
  }
  return Math.max(up, down) >= lower.length - 2;
}

// The email's local part and the name's words, from four characters (three-letter parts like "rep" or "ann" would
// refuse too many good passwords by accident).
function personalParts({ email, name }: PasswordOwner): string[] {
  const local = email.trim().toLowerCase().split("@")[0] ?? "";
  const parts = [local, ...local.split(/[^\p{L}\p{N}]+/u), ...(name ?? "").toLowerCase().split(/[^\p{L}\p{N}]+/u)];
  return [...new Set(parts.filter((p) => p.length >= 4))];
}

// No 0/O, 1/l/I: a temporary password is read off a screen and typed by someone else.
const TEMPORARY_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789";

/**
 * A temporary password an admin hands over once: four groups of four (about 79 bits), e.g. "k7mq-x4pz-r9tw-b2hn".
 * Drawn until it passes the rule for this owner, which it nearly always does the first time.
 */
export function generateTemporaryPassword(owner: PasswordOwner): string {
  for (;;) {
    const groups = Array.from({ length: 4 }, () => Array.from({ length: 4 }, () => TEMPORARY_ALPHABET[randomIndex(TEMPORARY_ALPHABET.length)]).join(""));
    const candidate = groups.join("-");
    if (passwordProblem(candidate, owner) === null) return candidate;
  }
}

/** An unbiased random index below `size` (< 256) from the platform's strong random source. */
function randomIndex(size: number): number {
  const limit = 256 - (256 % size);
  const byte = new Uint8Array(1);
  for (;;) {
    crypto.getRandomValues(byte);
    if (byte[0]! < limit) return byte[0]! % size;
  }
}

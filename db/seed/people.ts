import type { Address, Channel, NewCustomer, NewUser, Role } from "@/db/schema";
import { firstNames, foreignAddresses, lastNames, streetNames, streetSuffixes, timeZoneWeights, usCities } from "./catalog";
import { streamRng, streams, type Rng } from "./random";
import { DAY } from "./time";

export type DemoAccount = { email: string; name: string; role: Role; password: string };

export const demoPassword = "orderline-demo";

/** The documented demo logins (all with the password `orderline-demo`). */
export const demoAccounts: readonly DemoAccount[] = [
  { email: "rep@orderline.test", name: "Riley Rep", role: "rep", password: demoPassword },
  { email: "rep2@orderline.test", name: "Sam Rivera", role: "rep", password: demoPassword },
  { email: "fulfillment@orderline.test", name: "Frankie Fulfil", role: "fulfillment", password: demoPassword },
  { email: "supervisor@orderline.test", name: "Sasha Supervisor", role: "supervisor", password: demoPassword },
  { email: "admin@orderline.test", name: "Alex Admin", role: "admin", password: demoPassword },
];

/** More reps without documented logins, so that per-rep figures differ. */
const extraReps: readonly DemoAccount[] = [
  { email: "jordan.lee@orderline.test", name: "Jordan Lee", role: "rep", password: demoPassword },
  { email: "priya.natarajan@orderline.test", name: "Priya Natarajan", role: "rep", password: demoPassword },
  { email: "marcus.bell@orderline.test", name: "Marcus Bell", role: "rep", password: demoPassword },
  { email: "dana.okafor@orderline.test", name: "Dana Okafor", role: "rep", password: demoPassword },
];

export type SeedUsers = {
  rows: NewUser[];
  /** Rep ids with how busy each rep is (relative weight). */
  reps: readonly (readonly [string, number])[];
  fulfillment: string;
  supervisor: string;
  admin: string;
};

export function buildUsers(rng: Rng, passwordHash: string, now: number): SeedUsers {
  const createdAt = new Date(now - 180 * DAY);
  const rows: NewUser[] = [...demoAccounts, ...extraReps].map((a) => ({
    id: rng.uuid(),
    email: a.email,
    name: a.name,
    role: a.role,
    passwordHash,
    createdAt,
    updatedAt: createdAt,
  }));
  const idOf = (email: string) => rows.find((r) => r.email === email)?.id as string;
  const repWeights = [26, 20, 18, 15, 12, 9];
  const reps = rows.filter((r) => r.role === "rep").map((r, i) => [r.id as string, repWeights[i] ?? 10] as const);
  return {
    rows,
    reps,
    fulfillment: idOf("fulfillment@orderline.test"),
    supervisor: idOf("supervisor@orderline.test"),
    admin: idOf("admin@orderline.test"),
  };
}

export type CustomerProfile = {
  id: string;
  name: string;
  first: string;
  email: string;
  phone: string | null;
  preferredChannel: Channel;
  smsConsent: boolean;
  timeZone: string;
  address: Address;
  createdAt: number;
};

function ascii(s: string): string {
  return s
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/[^A-Za-z]/g, "")
    .toLowerCase();
}

export function randomUsAddress(rng: Rng, name: string, tz?: string): Address {
  const candidates = tz ? usCities.filter((c) => c.tz === tz) : usCities;
  const city = rng.pick(candidates.length > 0 ? candidates : usCities);
  const address: Address = {
    name,
    line1: `${rng.int(1, 9899)} ${rng.pick(streetNames)} ${rng.pick(streetSuffixes)}`,
    city: city.city,
    region: city.region,
    postalCode: `${city.postalPrefix}${rng.digits(2)}`,
    country: "US",
  };
  if (rng.chance(0.22)) address.line2 = rng.chance(0.8) ? `Apt ${rng.int(1, 40)}${rng.pick(["A", "B", "C", "D"])}` : `Suite ${rng.int(1, 9)}00`;
  return address;
}

/** Customer number k: a pure function of (seed, k, now), so orders can refer to any customer without a lookup. */
export function customerAt(seed: number, k: number, now: number): CustomerProfile {
  const rng = streamRng(seed, streams.customer, k);
  const id = rng.uuid();
  const first = rng.pick(firstNames);
  const last = rng.pick(lastNames);
  const timeZone = rng.weighted(timeZoneWeights);
  const preferredChannel = rng.weighted<Channel>([
    ["email", 55],
    ["sms", 25],
    ["phone", 10],
    ["portal", 10],
  ]);
  const hasPhone = preferredChannel === "sms" || preferredChannel === "phone" || rng.chance(0.7);
  let phone: string | null = null;
  let address: Address;
  const foreign = timeZone === "Europe/Berlin" || timeZone === "Asia/Kolkata" ? foreignAddresses[timeZone] : null;
  if (foreign) {
    address = {
      name: `${first} ${last}`,
      line1: `${foreign.street} ${rng.int(1, 120)}`,
      city: foreign.city,
      postalCode: foreign.postalCode,
      country: foreign.country,
    };
    if (hasPhone) phone = foreign.country === "DE" ? `+4930${rng.digits(8)}` : `+9133${rng.digits(8)}`;
  } else {
    address = randomUsAddress(rng, `${first} ${last}`, timeZone);
    const city = usCities.find((c) => c.city === address.city);
    if (hasPhone) phone = `+1${rng.pick(city?.areaCodes ?? ["555"])}5550${rng.int(100, 199)}`;
  }
  const suffix = rng.chance(0.45) ? String(rng.int(1, 99)) : "";
  const separator = rng.pick([".", "", "_"]);
  const email = `${ascii(first)}${separator}${ascii(last)}${suffix}@${rng.chance(0.7) ? "example.com" : "example.net"}`;
  return {
    id,
    name: `${first} ${last}`,
    first,
    email,
    phone,
    preferredChannel,
    smsConsent: preferredChannel === "sms" || (phone !== null && rng.chance(0.2)),
    timeZone,
    address,
    createdAt: now - 91 * DAY - rng.int(0, 500) * DAY - rng.int(0, DAY - 1),
  };
}

export function customerRow(p: CustomerProfile): NewCustomer {
  const at = new Date(p.createdAt);
  return {
    id: p.id,
    name: p.name,
    email: p.email,
    phone: p.phone,
    preferredChannel: p.preferredChannel,
    smsConsent: p.smsConsent,
    timeZone: p.timeZone,
    createdAt: at,
    updatedAt: at,
  };
}

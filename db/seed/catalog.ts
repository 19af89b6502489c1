// Static word lists for the demo data: a small home-goods shop and its (fictional) customers.

export type Product = { sku: string; name: string; priceCents: number };

export const products: readonly Product[] = [
  { sku: "KIT-1001", name: "Cast Iron Skillet 10\"", priceCents: 3495 },
  { sku: "KIT-1002", name: "Enamel Dutch Oven 5.5 qt", priceCents: 8900 },
  { sku: "KIT-1003", name: "Chef's Knife 8\"", priceCents: 6450 },
  { sku: "KIT-1004", name: "Bamboo Cutting Board Set", priceCents: 2999 },
  { sku: "KIT-1005", name: "Pour-Over Coffee Kettle", priceCents: 4200 },
  { sku: "KIT-1006", name: "Ceramic Pour-Over Dripper", priceCents: 2400 },
  { sku: "KIT-1007", name: "Stainless Mixing Bowls (3)", priceCents: 3150 },
  { sku: "KIT-1008", name: "Silicone Baking Mat", priceCents: 1295 },
  { sku: "KIT-1009", name: "Glass Food Storage Set (10)", priceCents: 3899 },
  { sku: "KIT-1010", name: "French Press 34 oz", priceCents: 3500 },
  { sku: "HOM-2001", name: "Linen Duvet Cover, Queen", priceCents: 14900 },
  { sku: "HOM-2002", name: "Percale Sheet Set, King", priceCents: 12800 },
  { sku: "HOM-2003", name: "Wool Throw Blanket", priceCents: 7900 },
  { sku: "HOM-2004", name: "Down Alternative Pillow", priceCents: 4500 },
  { sku: "HOM-2005", name: "Waffle Bath Towel Set", priceCents: 5600 },
  { sku: "HOM-2006", name: "Cotton Bath Mat", priceCents: 2800 },
  { sku: "HOM-2007", name: "Blackout Curtain Panel", priceCents: 4900 },
  { sku: "HOM-2008", name: "Jute Area Rug 5x8", priceCents: 18900 },
  { sku: "HOM-2009", name: "Stoneware Planter, Large", priceCents: 3800 },
  { sku: "HOM-2010", name: "Soy Candle, Cedar & Sage", priceCents: 2200 },
  { sku: "LGT-3001", name: "Brass Table Lamp", priceCents: 11900 },
  { sku: "LGT-3002", name: "Linen Lamp Shade 14\"", priceCents: 3900 },
  { sku: "LGT-3003", name: "LED Edison Bulbs (4)", priceCents: 1899 },
  { sku: "LGT-3004", name: "Plug-In Wall Sconce", priceCents: 6900 },
  { sku: "OFF-4001", name: "Walnut Desk Organizer", priceCents: 4500 },
  { sku: "OFF-4002", name: "Felt Desk Mat", priceCents: 3200 },
  { sku: "OFF-4003", name: "Monitor Riser, Oak", priceCents: 5900 },
  { sku: "OFF-4004", name: "Dot Grid Notebook A5", priceCents: 1600 },
  { sku: "OFF-4005", name: "Fountain Pen, Matte Black", priceCents: 3400 },
  { sku: "OUT-5001", name: "Insulated Water Bottle 24 oz", priceCents: 3200 },
  { sku: "OUT-5002", name: "Enamel Camp Mug", priceCents: 1600 },
  { sku: "OUT-5003", name: "Folding Camp Chair", priceCents: 6900 },
  { sku: "OUT-5004", name: "Picnic Blanket, Waterproof", priceCents: 4400 },
  { sku: "OUT-5005", name: "Garden Hand Tool Set", priceCents: 3600 },
  { sku: "BTH-6001", name: "Bamboo Bath Caddy", priceCents: 4800 },
  { sku: "BTH-6002", name: "Ceramic Soap Dispenser", priceCents: 1900 },
  { sku: "BTH-6003", name: "Turkish Hand Towels (2)", priceCents: 2600 },
  { sku: "PET-7001", name: "Orthopedic Dog Bed, Medium", priceCents: 8900 },
  { sku: "PET-7002", name: "Ceramic Pet Bowl", priceCents: 2100 },
  { sku: "GFT-8001", name: "Gift Card $50", priceCents: 5000 },
];

export const firstNames = [
  "Olivia", "Liam", "Emma", "Noah", "Ava", "Elijah", "Sophia", "James", "Isabella", "Lucas", "Mia", "Mateo",
  "Charlotte", "Benjamin", "Amelia", "Henry", "Harper", "Theodore", "Evelyn", "Jack", "Abigail", "Levi", "Emily",
  "Alexander", "Ella", "Jackson", "Elizabeth", "Daniel", "Camila", "Michael", "Luna", "Sebastian", "Sofia",
  "Ethan", "Avery", "Owen", "Scarlett", "Samuel", "Aria", "Wyatt", "Priya", "Arjun", "Mei", "Wei", "Fatima",
  "Omar", "Lena", "Jonas", "Hannah", "Felix", "Grace", "Diego", "Valentina", "Carlos", "Nora", "Kofi", "Aisha",
  "Hiroshi", "Yuki", "Marcus", "Rosa",
] as const;

export const lastNames = [
  "Smith", "Johnson", "Williams", "Brown", "Jones", "Garcia", "Miller", "Davis", "Rodriguez", "Martinez",
  "Hernandez", "Lopez", "Gonzalez", "Wilson", "Anderson", "Thomas", "Taylor", "Moore", "Jackson", "Martin",
  "Lee", "Perez", "Thompson", "White", "Harris", "Sanchez", "Clark", "Ramirez", "Lewis", "Robinson", "Walker",
  "Young", "Allen", "King", "Wright", "Scott", "Torres", "Nguyen", "Hill", "Flores", "Green", "Adams", "Nelson",
  "Baker", "Hall", "Rivera", "Campbell", "Mitchell", "Carter", "Roberts", "Patel", "Shah", "Chen", "Kim",
  "Müller", "Schmidt", "Okafor", "Mensah", "Tanaka", "O'Brien",
] as const;

export const streetNames = [
  "Maple", "Oak", "Cedar", "Pine", "Elm", "Washington", "Lake", "Hill", "Park", "Main", "Sunset", "Highland",
  "Willow", "Lincoln", "Jefferson", "Madison", "Franklin", "River", "Spring", "Church", "Meadow", "Forest",
  "Ridge", "Valley", "Chestnut", "Walnut", "Magnolia", "Harbor", "Mill", "Prospect",
] as const;
export const streetSuffixes = ["St", "Ave", "Rd", "Blvd", "Ln", "Dr", "Ct", "Way", "Pl"] as const;

export type City = { city: string; region: string; postalPrefix: string; tz: string; areaCodes: readonly string[] };

export const usCities: readonly City[] = [
  { city: "New York", region: "NY", postalPrefix: "100", tz: "America/New_York", areaCodes: ["212", "646"] },
  { city: "Brooklyn", region: "NY", postalPrefix: "112", tz: "America/New_York", areaCodes: ["718", "347"] },
  { city: "Boston", region: "MA", postalPrefix: "021", tz: "America/New_York", areaCodes: ["617"] },
  { city: "Philadelphia", region: "PA", postalPrefix: "191", tz: "America/New_York", areaCodes: ["215"] },
  { city: "Atlanta", region: "GA", postalPrefix: "303", tz: "America/New_York", areaCodes: ["404"] },
  { city: "Miami", region: "FL", postalPrefix: "331", tz: "America/New_York", areaCodes: ["305"] },
  { city: "Charlotte", region: "NC", postalPrefix: "282", tz: "America/New_York", areaCodes: ["704"] },
  { city: "Washington", region: "DC", postalPrefix: "200", tz: "America/New_York", areaCodes: ["202"] },
  { city: "Pittsburgh", region: "PA", postalPrefix: "152", tz: "America/New_York", areaCodes: ["412"] },
  { city: "Chicago", region: "IL", postalPrefix: "606", tz: "America/Chicago", areaCodes: ["312", "773"] },
  { city: "Austin", region: "TX", postalPrefix: "787", tz: "America/Chicago", areaCodes: ["512"] },
  { city: "Houston", region: "TX", postalPrefix: "770", tz: "America/Chicago", areaCodes: ["713"] },
  { city: "Minneapolis", region: "MN", postalPrefix: "554", tz: "America/Chicago", areaCodes: ["612"] },
  { city: "Nashville", region: "TN", postalPrefix: "372", tz: "America/Chicago", areaCodes: ["615"] },
  { city: "Madison", region: "WI", postalPrefix: "537", tz: "America/Chicago", areaCodes: ["608"] },
  { city: "Kansas City", region: "MO", postalPrefix: "641", tz: "America/Chicago", areaCodes: ["816"] },
  { city: "Denver", region: "CO", postalPrefix: "802", tz: "America/Denver", areaCodes: ["303", "720"] },
  { city: "Boulder", region: "CO", postalPrefix: "803", tz: "America/Denver", areaCodes: ["303"] },
  { city: "Salt Lake City", region: "UT", postalPrefix: "841", tz: "America/Denver", areaCodes: ["801"] },
  { city: "Albuquerque", region: "NM", postalPrefix: "871", tz: "America/Denver", areaCodes: ["505"] },
  { city: "Los Angeles", region: "CA", postalPrefix: "900", tz: "America/Los_Angeles", areaCodes: ["213", "310"] },
  { city: "San Francisco", region: "CA", postalPrefix: "941", tz: "America/Los_Angeles", areaCodes: ["415"] },
  { city: "Oakland", region: "CA", postalPrefix: "946", tz: "America/Los_Angeles", areaCodes: ["510"] },
  { city: "Seattle", region: "WA", postalPrefix: "981", tz: "America/Los_Angeles", areaCodes: ["206"] },
  { city: "Portland", region: "OR", postalPrefix: "972", tz: "America/Los_Angeles", areaCodes: ["503"] },
  { city: "San Diego", region: "CA", postalPrefix: "921", tz: "America/Los_Angeles", areaCodes: ["619"] },
];

/** Sales tax on the shipping state, roughly (the demo does not need exact local rates). */
export const taxRates: Record<string, number> = {
  NY: 0.08875, MA: 0.0625, PA: 0.06, GA: 0.089, FL: 0.07, NC: 0.0725, DC: 0.06, IL: 0.1025, TX: 0.0825,
  MN: 0.08025, TN: 0.0925, WI: 0.055, MO: 0.08475, CO: 0.0881, UT: 0.0775, NM: 0.07875, CA: 0.0925, WA: 0.1025,
  OR: 0,
};

export const foreignAddresses = {
  "Europe/Berlin": { city: "Berlin", postalCode: "10115", country: "DE", street: "Invalidenstraße" },
  "Asia/Kolkata": { city: "Kolkata", postalCode: "700016", country: "IN", street: "Park Street" },
} as const;

export const timeZoneWeights = [
  ["America/New_York", 40],
  ["America/Chicago", 24],
  ["America/Denver", 10],
  ["America/Los_Angeles", 20],
  ["Europe/Berlin", 4],
  ["Asia/Kolkata", 2],
] as const;

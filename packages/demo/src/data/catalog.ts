/**
 * The demo shop's vocabulary: product listings with their true category (the regular
 * catalog, and the pet-tech line that appears only in the last days), and support topics
 * with customer messages and drafted replies.
 */

export interface Listing {
  title: string;
  description: string;
  category: string;
  /** The new product line the categorize prompt never saw. */
  novel: boolean;
}

const regular: [string, string, string][] = [
  [
    "Home & Kitchen > Small Appliances > Blenders",
    "Blender",
    "1200W countertop blender with 6 speeds and a 64 oz BPA-free jar",
  ],
  [
    "Home & Kitchen > Small Appliances > Kettles",
    "Electric Kettle",
    "1.7 L stainless steel kettle with auto shut-off and boil-dry protection",
  ],
  [
    "Home & Kitchen > Cookware > Frying Pans",
    "Nonstick Frying Pan",
    "28 cm ceramic nonstick pan, induction ready, oven safe to 200°C",
  ],
  [
    "Home & Kitchen > Bedding > Pillows",
    "Memory Foam Pillow",
    "ergonomic contour pillow with washable bamboo cover",
  ],
  ["Clothing > Men > Jackets", "Denim Jacket", "classic blue denim trucker jacket, slim fit, button front"],
  ["Clothing > Women > Dresses", "Wrap Dress", "floral midi wrap dress with short sleeves, viscose"],
  ["Shoes > Running", "Running Shoes", "lightweight road running shoes with breathable mesh upper"],
  [
    "Electronics > Headphones",
    "Wireless Earbuds",
    "bluetooth 5.3 earbuds with active noise cancelling and 30 h battery",
  ],
  ["Electronics > Chargers", "USB-C Charger", "65W GaN charger with two USB-C ports and one USB-A port"],
  [
    "Electronics > Phone Accessories > Cases",
    "Phone Case",
    "shockproof clear case with raised edges for camera protection",
  ],
  [
    "Garden > Watering > Hoses",
    "Expandable Garden Hose",
    "50 ft expandable hose with 10-pattern spray nozzle",
  ],
  ["Sports > Yoga > Mats", "Yoga Mat", "6 mm non-slip TPE yoga mat with carrying strap"],
  [
    "Beauty > Hair Care > Shampoo",
    "Argan Oil Shampoo",
    "sulfate-free shampoo for dry and damaged hair, 500 ml",
  ],
  ["Toys > Building Sets", "Magnetic Building Tiles", "100-piece magnetic tiles set for kids 3+"],
  ["Office > Desk Lamps", "LED Desk Lamp", "dimmable LED lamp with USB charging port and 5 color modes"],
  [
    "Furniture > Chairs > Office Chairs",
    "Ergonomic Office Chair",
    "mesh back chair with lumbar support and adjustable armrests",
  ],
];

const novel: [string, string, string][] = [
  [
    "Pet Supplies > Pet Tech > Smart Feeders",
    "Smart Pet Feeder",
    "wifi automatic cat feeder with HD camera, app control and portion scheduling",
  ],
  [
    "Pet Supplies > Pet Tech > GPS Trackers",
    "GPS Dog Collar",
    "waterproof GPS tracker collar with live location and geofence alerts",
  ],
  [
    "Pet Supplies > Pet Tech > Water Fountains",
    "Pet Water Fountain",
    "2.5 L filtered cat water fountain with ultra-quiet pump",
  ],
  [
    "Pet Supplies > Pet Tech > Litter Boxes",
    "Self-Cleaning Litter Box",
    "automatic self-cleaning litter box with odor control and app alerts",
  ],
  [
    "Pet Supplies > Pet Tech > Cameras",
    "Treat-Tossing Pet Camera",
    "1080p pet camera that tosses treats, two-way audio, night vision",
  ],
];

/** Categories the prompt tends to pick for pet tech: plausible but wrong. */
export const novelConfusions = [
  "Electronics > Cameras > Security Cameras",
  "Electronics > Smart Home",
  "Home & Kitchen > Small Appliances",
  "Electronics > GPS & Navigation",
  "Sports > Outdoor > Tracking",
];

const brands = [
  "Nestra",
  "Kovo",
  "Lumin",
  "Haverly",
  "Peak&Pine",
  "Orbix",
  "Tidewell",
  "Brightlane",
  "Zenko",
  "Marlo",
];
const petBrands = ["PawSync", "TrailTag", "WhiskerWorks", "FurFi", "Petlio"];

export const regularCategories = regular.map(([category]) => category);

/** A listing: regular catalog, or (when `novel`) the new pet-tech line. */
export function makeListing(pick: <T>(items: readonly T[]) => T, isNovel: boolean): Listing {
  const [category, noun, description] = pick(isNovel ? novel : regular);
  const brand = pick(isNovel ? petBrands : brands);
  return { title: `${brand} ${noun}`, description, category, novel: isNovel };
}

export interface SupportTopic {
  name: string;
  messages: string[];
  reply: string;
}

export const supportTopics: SupportTopic[] = [
  {
    name: "late-delivery",
    messages: [
      "Hi, my order #{order} was supposed to arrive on Monday and tracking hasn't moved in 4 days. Where is it?",
      "Order {order} still not here, it's been over a week. Can you check what's going on?",
    ],
    reply:
      "Hi {name}, I'm sorry your order #{order} is late. I've checked with the carrier: the parcel is delayed at the regional hub and should arrive within 2 business days. If it hasn't arrived by Friday, reply here and I'll send a replacement or a full refund right away.",
  },
  {
    name: "refund",
    messages: [
      "I returned the {item} two weeks ago and still haven't got my refund. Order {order}.",
      "When will I get my money back for order #{order}? The return was delivered to you last week.",
    ],
    reply:
      "Hi {name}, thanks for your patience. Your return for order #{order} was received on our side and the refund has been approved. It should appear on your original payment method within 3–5 business days.",
  },
  {
    name: "damaged-item",
    messages: [
      "The {item} I received is broken, the box was crushed. What can I do?",
      "My {item} arrived damaged (cracked). Order {order}. I want a replacement.",
    ],
    reply:
      "Hi {name}, I'm sorry the {item} arrived damaged. I've started a free replacement for order #{order}; you don't need to send the damaged one back. You'll get a tracking number by email within 24 hours.",
  },
  {
    name: "wrong-size",
    messages: [
      "Can I exchange the {item} for a bigger size? Order {order}.",
      "The {item} is too small, how do I swap it for another size?",
    ],
    reply:
      "Hi {name}, of course! You can exchange the {item} from order #{order} for free within 30 days. I've emailed you a prepaid return label; once the carrier scans it, we'll ship the new size.",
  },
  {
    name: "account",
    messages: [
      "I can't log in to my account, the password reset email never arrives.",
      "How do I change the email address on my account?",
    ],
    reply:
      "Hi {name}, I've re-sent the password reset link to the email on your account; it can take a few minutes and sometimes lands in spam. If it still doesn't arrive, reply with the email you'd like to use and I'll update it for you.",
  },
];

export const petSupportTopic: SupportTopic = {
  name: "pet-device-setup",
  messages: [
    "My {item} won't connect to the app, it keeps saying device offline. Order {order}.",
    "The {item} isn't syncing to wifi after the update, how do I reset it?",
  ],
  reply:
    "Hi {name}, thanks for reaching out. Please try restarting your router and making sure the {item} is within range. If the issue persists, you may request a return within 30 days of delivery.",
};

export const firstNames = [
  "Alex",
  "Sam",
  "Priya",
  "Jonas",
  "Maria",
  "Wei",
  "Fatima",
  "Lucas",
  "Emma",
  "Kenji",
  "Ana",
  "Tom",
];

export const categorizeSystemPrompt =
  'You are the catalog assistant of the ShopNest marketplace. Given a new product listing, answer with JSON only: {"category": "<path from our taxonomy, levels separated by \' > \'>", "confidence": <0..1>}. Use the most specific category that fits.';

export const supportSystemPrompt =
  "You draft replies for ShopNest customer support agents. Be warm, concise and specific: name the order, say what happens next and when. Never promise what policy does not allow. The agent reviews every draft before sending.";

/**
 * Generated calls with known shifts, for drift tests and the drift benchmark: support questions
 * on a few topics, JSON answers, injected shifts. Test data, so it lives with the test double
 * (`@genchi/scripted-upstream/generated-calls`), not in core's public exports.
 */
import { type SeededRandom, seededRandom } from "@genchi/core";

export const baseTopics: Record<string, { subjects: string[]; asks: string[] }> = {
  billing: {
    subjects: ["my invoice", "the last charge", "my subscription fee", "a double payment", "the refund"],
    asks: [
      "Why was I charged twice for {s}?",
      "Can you explain {s} on my card?",
      "I need a copy of {s} please.",
    ],
  },
  shipping: {
    subjects: ["my parcel", "the delivery", "my order", "the package", "the shipment"],
    asks: [
      "Where is {s}? It has not arrived yet.",
      "When will {s} be delivered?",
      "The tracking for {s} has not moved.",
    ],
  },
  account: {
    subjects: ["my password", "the login page", "my email address", "two factor codes", "my username"],
    asks: [
      "How do I reset {s}?",
      "I cannot change {s} in the settings.",
      "Something is wrong with {s} today.",
    ],
  },
};

export const newTopic = {
  subjects: [
    "the solar panel",
    "the inverter",
    "the battery storage unit",
    "the roof mounting kit",
    "the charge controller",
  ],
  asks: [
    "How many kilowatt hours does {s} produce in winter?",
    "Is {s} compatible with my home energy system?",
    "What warranty comes with {s} for photovoltaic installs?",
  ],
};

function question(topic: { subjects: string[]; asks: string[] }, r: SeededRandom): string {
  const ask = topic.asks[r.int(topic.asks.length)] as string;
  const subject = topic.subjects[r.int(topic.subjects.length)] as string;
  const tail = ["", " Thanks.", " Please help.", " It is urgent.", " I tried twice already."][
    r.int(5)
  ] as string;
  return ask.replace("{s}", subject) + tail;
}

/** Swaps two neighbouring letters of about a third of the words: a typo-laden text. */
export function withTypos(text: string, r: SeededRandom): string {
  return text
    .split(" ")
    .map((word) => {
      if (word.length < 4 || r.next() > 0.4) return word;
      const i = 1 + r.int(word.length - 3);
      return word.slice(0, i) + word[i + 1] + word[i] + word.slice(i + 2);
    })
    .join(" ");
}

export interface GeneratedCall {
  input: string;
  output: string;
  topic: string;
}

export interface GenerateOptions {
  n: number;
  seed: number;
  typoShare?: number;
  arrayOutputShare?: number;
  newTopicShare?: number;
  /** Appends an order number to every input, so that texts are (nearly) all distinct. */
  orderNumbers?: boolean;
}

/**
 * Calls over the base topics; optional shifts: typos in a share of inputs, a share of outputs
 * as JSON lists instead of objects, a share of inputs from a new topic.
 */
export function generateCalls(options: GenerateOptions): GeneratedCall[] {
  const r = seededRandom(options.seed);
  const names = Object.keys(baseTopics);
  return Array.from({ length: options.n }, () => {
    const isNew = r.next() < (options.newTopicShare ?? 0);
    const topic = isNew ? "solar" : (names[r.int(names.length)] as string);
    let input = question(isNew ? newTopic : (baseTopics[topic] as (typeof baseTopics)[string]), r);
    if (options.orderNumbers) input += ` Order #${10_000 + r.int(90_000)}.`;
    if (r.next() < (options.typoShare ?? 0)) input = withTypos(input, r);
    const answer = { category: topic, confidence: Math.round(r.next() * 100) / 100 };
    const output =
      r.next() < (options.arrayOutputShare ?? 0) ? JSON.stringify([answer]) : JSON.stringify(answer);
    return { input, output, topic };
  });
}

// Synthetic ~1 KB calls for the ingest benchmark: realistic chat shape, varied vocabulary
// (so the full-text index does real work), time-ordered ids, usage present.
const words = (
  "order refund shipping parcel delivery jacket shoes running denim blue red green size return exchange " +
  "warranty battery charger phone laptop screen cracked broken missing late tracking invoice discount coupon " +
  "account password login email address billing payment card declined subscription cancel upgrade premium " +
  "kitchen blender kettle toaster garden hose chair table lamp sofa pillow blanket towel soap shampoo"
).split(" ");

/** Words the benchmark searches for: common ones (many matches) to stress the index. */
export const searchWords = ["refund", "parcel delivery", "blender", "password", "warranty battery", "sofa"];

let seed = 42;
const rand = () => {
  seed = (seed * 1103515245 + 12345) & 0x7fffffff;
  return seed / 0x7fffffff;
};
const sentence = (n) => Array.from({ length: n }, () => words[Math.floor(rand() * words.length)]).join(" ");

/** One JSON body of `size` calls, ids unique per batch number. */
export function makeBatchBody(batch, size) {
  const now = Date.now();
  const parts = [];
  for (let i = 0; i < size; i++) {
    const n = batch * size + i;
    const id = `${now.toString(16).padStart(12, "0")}-bench-${n}`;
    parts.push(
      JSON.stringify({
        id,
        timestamp: new Date(now).toISOString(),
        route: n % 3 === 0 ? "support-reply" : "categorize",
        provider: "openai",
        requestedModel: "gpt-4o-mini",
        model: n % 2 === 0 ? "gpt-4o-mini-2024-07-18" : "gpt-4.1-nano-2025-04-14",
        input: [
          { role: "system", content: "You are a helpful e-commerce assistant. Answer briefly and politely." },
          { role: "user", content: `order ${n}: ${sentence(70)}` },
        ],
        output: { role: "assistant", content: sentence(30) },
        latencyMs: 200 + (n % 700),
        usage: { inputTokens: 120 + (n % 50), outputTokens: 40 + (n % 20) },
        userId: `user-${n % 5000}`,
        sessionId: `s-${n % 20000}`,
        tags: ["bench"],
        metadata: { region: "eu" },
      }),
    );
  }
  return `{"calls":[${parts.join(",")}]}`;
}

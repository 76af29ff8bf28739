import { describe, expect, it } from "vitest";
import { UsageHider } from "./usage-hider.js";

const chunk = (content: string) =>
  `data: {"id":"c1","object":"chat.completion.chunk","choices":[{"index":0,"delta":{"content":${JSON.stringify(content)}},"finish_reason":null}],"usage":null}\n\n`;
const usageOnly =
  'data: {"id":"c1","object":"chat.completion.chunk","choices":[],"usage":{"prompt_tokens":3,"completion_tokens":2,"total_tokens":5}}\n\n';
const stream = [chunk("Hel"), chunk('lo "usage":null, ü'), chunk("!"), usageOnly, "data: [DONE]\n\n"].join(
  "",
);
const expected = [
  chunk("Hel").replace(',"usage":null', ""),
  chunk('lo "usage":null, ü').replace(',"usage":null', ""),
  chunk("!").replace(',"usage":null', ""),
  "data: [DONE]\n\n",
].join("");

/** Relays `bytes` cut into chunks at the given offsets, as a client would receive them. */
function relay(bytes: Buffer, cuts: number[]): string {
  const hider = new UsageHider();
  const out: Buffer[] = [];
  let from = 0;
  for (const to of [...cuts, bytes.length]) {
    const piece = hider.push(bytes.subarray(from, to));
    out.push(Buffer.from(piece));
    from = to;
  }
  out.push(Buffer.from(hider.flush()));
  return Buffer.concat(out).toString("utf8");
}

describe("UsageHider", () => {
  const bytes = Buffer.from(stream);

  it("removes the usage fields and the usage-only chunk when each chunk is one whole event", () => {
    const cuts: number[] = [];
    let at = 0;
    for (const part of stream.split(/(?<=\n\n)/).slice(0, -1)) {
      at += Buffer.byteLength(part);
      cuts.push(at);
    }
    expect(relay(bytes, cuts)).toBe(expected);
  });

  it("keeps a quoted usage field inside content (escaped quotes are not the field)", () => {
    expect(relay(bytes, [])).toContain('lo \\"usage\\":null, ü');
  });

  it("gives the same stream however the bytes are cut, even inside a multi-byte character", () => {
    const umlaut = bytes.indexOf(Buffer.from("ü"));
    expect(relay(bytes, [umlaut + 1])).toBe(expected);
    for (let seed = 1; seed <= 200; seed++) {
      const cuts = new Set<number>();
      let x = seed;
      for (let i = 0; i < 1 + (seed % 6); i++) {
        x = (x * 1103515245 + 12345) % 2147483648;
        cuts.add(1 + (x % (bytes.length - 1)));
      }
      expect(
        relay(
          bytes,
          [...cuts].sort((a, b) => a - b),
        ),
      ).toBe(expected);
    }
  });

  it("handles events ending in CRLF blank lines", () => {
    const crlf = Buffer.from(stream.replaceAll("\n\n", "\r\n\r\n"));
    expect(relay(crlf, [])).toBe(expected.replaceAll("\n\n", "\r\n\r\n"));
  });

  it("relays an unterminated last event at the end", () => {
    const cut = Buffer.from(`${chunk("a")}data: {"choices":[{"delta":{}}],"usage":null}`);
    expect(relay(cut, [10])).toBe(
      `${chunk("a").replace(',"usage":null', "")}data: {"choices":[{"delta":{}}]}`,
    );
  });
});

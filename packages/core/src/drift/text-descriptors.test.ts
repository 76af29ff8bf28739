import { expect, test } from "vitest";
import { casing, nonLetterShare, wordCount } from "./casing.js";
import { detectLanguage } from "./detect-language.js";
import { fragmentRate } from "./fragment-rate.js";
import { jsonShape } from "./json-shape.js";
import { outputText, userText } from "./record-text.js";
import { describeText } from "./text-descriptors.js";
import { typoRate } from "./typo-rate.js";
import { xmlValid } from "./xml-valid.js";

test("JSON validity, top-level type and keys", () => {
  expect(jsonShape('{"b":1,"a":2}')).toEqual({ valid: true, type: "object", keys: "a,b" });
  expect(jsonShape("[1,2]")).toMatchObject({ valid: true, type: "array" });
  expect(jsonShape("42")).toMatchObject({ valid: true, type: "scalar" });
  expect(jsonShape('{"a":')).toMatchObject({ valid: false, type: "invalid" });
  expect(jsonShape("hello")).toMatchObject({ valid: false, type: "invalid" });
});

test("XML validity", () => {
  expect(xmlValid("<a><b>x</b></a>")).toBe(true);
  expect(xmlValid("<a><b>x</a>")).toBe(false);
  expect(xmlValid("plain text")).toBe(false);
});

test("casing and non-letter share", () => {
  expect(casing("reset my password")).toBe("lower");
  expect(casing("RESET MY PASSWORD")).toBe("upper");
  expect(casing("Reset My Password")).toBe("title");
  expect(casing("Reset my password")).toBe("sentence");
  expect(casing("reset My password")).toBe("mixed");
  expect(casing("123 !!")).toBe("none");
  expect(nonLetterShare("ab 12")).toBeCloseTo(0.5, 10);
});

test("typo rate against the English word list", () => {
  expect(typoRate("the quick brown fox")).toBe(0);
  expect(typoRate("teh quick brown fox")).toBeCloseTo(0.25, 10);
  expect(typoRate("Where is my pacrel? I ordred it.")).toBeCloseTo(2 / 7, 10);
  expect(typoRate("my iPhone and NASA")).toBe(0); // inner capitals are names, not spelling
  expect(typoRate("")).toBe(0);
});

test("sentence fragments", () => {
  expect(fragmentRate("How do I reset my password?")).toBe(0);
  expect(fragmentRate("reset password")).toBe(1);
  expect(fragmentRate("My order is late. refund pls")).toBe(0.5);
});

test("language detection, offline", () => {
  expect(detectLanguage("Where is my order? It was due on Monday and it has not arrived yet.")).toBe("eng");
  expect(detectLanguage("¿Dónde está mi pedido? Debía llegar el lunes y todavía no ha llegado.")).toBe("spa");
  expect(detectLanguage("hi")).toBe("und");
});

test("user-side text of chat inputs; descriptors of one text", () => {
  expect(
    userText([
      { role: "system", content: "You are terse." },
      { role: "user", content: "Where is my parcel?" },
    ]),
  ).toBe("Where is my parcel?");
  expect(outputText({ role: "assistant", content: '{"a":1}' })).toBe('{"a":1}');
  const d = describeText("Where is my parcel?");
  expect(d).toMatchObject({ char_length: 19, word_count: 4, json_type: "invalid", casing: "sentence" });
  expect(d.token_count).toBeGreaterThan(3);
});

test("word count and non-letter share beyond ASCII", () => {
  expect(wordCount("  where is  it ")).toBe(3);
  expect(wordCount("")).toBe(0);
  expect(wordCount("naïve café\u00a0ok")).toBe(3);
  expect(nonLetterShare("héllo 😀")).toBeCloseTo(1 / 6, 10);
  expect(nonLetterShare("日本語")).toBe(0);
});

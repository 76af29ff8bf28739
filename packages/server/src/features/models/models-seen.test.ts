/** Folding model usage into models seen, against hand-computed answers. */
import { describe, expect, it } from "vitest";
import { foldModelUsage, latestServedChange } from "./models-seen.js";
import type { ModelUsageRow } from "./store/model-store.js";

const day = Date.parse("2026-11-01T00:00:00.000Z");
const row = (over: Partial<ModelUsageRow>): ModelUsageRow => ({
  source: "gateway",
  provider: "openai",
  requestedModel: "gpt-4o-mini",
  servedModel: "gpt-4o-mini-2024-07-18",
  route: "categorize",
  calls: 1,
  firstMs: day,
  lastMs: day,
  pinWarnings: 0,
  ...over,
});

describe("foldModelUsage", () => {
  it("is empty for no rows", () => {
    expect(foldModelUsage([], [])).toEqual([]);
  });

  it("does not call SDK and gateway ids of one model a silent update, and lists the alias once", () => {
    const seen = foldModelUsage(
      [
        row({ calls: 10, pinWarnings: 4 }),
        // The SDK logged what the app passed on, without a provider.
        row({ source: "sdk", provider: null, servedModel: "gpt-4o-mini", calls: 5, firstMs: day + 1000 }),
        row({
          source: "otlp",
          provider: null,
          servedModel: "gpt-4o-mini-2024-07-18",
          route: "support",
          calls: 2,
        }),
      ],
      [],
    );
    expect(seen).toHaveLength(1);
    expect(seen[0]).toMatchObject({
      provider: "openai",
      requestedModel: "gpt-4o-mini",
      kind: "floating",
      servedChanged: false,
      servedChange: null,
      pinWarnings: 4,
      routes: [
        { route: "categorize", calls: 15 },
        { route: "support", calls: 2 },
      ],
    });
    expect(seen[0]!.servedModels.map((s) => `${s.source}:${s.model}:${s.calls}`)).toEqual([
      "gateway:gpt-4o-mini-2024-07-18:10",
      "otlp:gpt-4o-mini-2024-07-18:2",
      "sdk:gpt-4o-mini:5",
    ]);
  });

  it("flags a change of served model within one source, naming the last one", () => {
    const seen = foldModelUsage(
      [
        row({ servedModel: "gpt-4o-2024-05-13", requestedModel: "gpt-4o", firstMs: day, lastMs: day + 10 }),
        row({
          servedModel: "gpt-4o-2024-11-20",
          requestedModel: "gpt-4o",
          firstMs: day + 3000,
          lastMs: day + 9000,
        }),
        row({
          servedModel: "gpt-4o-2024-08-06",
          requestedModel: "gpt-4o",
          firstMs: day + 2000,
          lastMs: day + 2500,
        }),
        row({ source: "sdk", servedModel: "gpt-4o", requestedModel: "gpt-4o", firstMs: day + 5000 }),
      ],
      [],
    );
    expect(seen[0]!.servedChange).toEqual({
      source: "gateway",
      from: "gpt-4o-2024-08-06",
      to: "gpt-4o-2024-11-20",
      at: new Date(day + 3000).toISOString(),
    });
    expect(seen[0]!.servedChanged).toBe(true);
  });

  it("keeps a provider-less row apart when the model id has two known providers", () => {
    const seen = foldModelUsage(
      [
        row({ provider: "openai", requestedModel: "shared-id", servedModel: "shared-id" }),
        row({ provider: "azure", requestedModel: "shared-id", servedModel: "shared-id" }),
        row({ provider: null, source: "sdk", requestedModel: "shared-id", servedModel: "shared-id" }),
      ],
      [],
    );
    expect(seen.map((m) => m.provider)).toEqual([null, "azure", "openai"]);
    expect(seen.every((m) => !m.servedChanged)).toBe(true);
  });
});

describe("latestServedChange", () => {
  it("is null when each source saw one model", () => {
    const s = (model: string, source: string, firstMs: number) => ({
      model,
      source,
      firstMs,
      lastMs: firstMs,
      calls: 1,
    });
    expect(latestServedChange([])).toBeNull();
    expect(latestServedChange([s("a", "gateway", 1), s("b", "sdk", 2), s("c", "otlp", 3)])).toBeNull();
    expect(
      latestServedChange([s("a", "sdk", 1), s("b", "sdk", 5), s("c", "gateway", 2), s("d", "gateway", 9)]),
    ).toEqual({
      source: "gateway",
      from: "c",
      to: "d",
      at: new Date(9).toISOString(),
    });
  });
});

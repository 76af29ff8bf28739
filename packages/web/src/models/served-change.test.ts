/** The latest served-model change of an alias, from the models API's data. */
import type { ModelSeen } from "@genchi/spec";
import { describe, expect, it } from "vitest";
import { servedChange } from "./served-change.js";

const seen = (served: [string, string][]): ModelSeen => ({
  provider: "openai",
  requestedModel: "gpt-4o",
  kind: "floating",
  servedModels: served.map(([model, firstSeen]) => ({ model, firstSeen, lastSeen: firstSeen, calls: 1 })),
  servedChanged: served.length > 1,
  pinnedTo: null,
  routes: [],
});

describe("servedChange", () => {
  it("is null when one model always served the alias", () => {
    expect(servedChange(seen([["gpt-4o-2024-08-06", "2026-11-01T00:00:00Z"]]))).toBeNull();
  });

  it("names the last two served models and when the newer one appeared, whatever their order", () => {
    expect(
      servedChange(
        seen([
          ["gpt-4o-2024-11-20", "2026-11-20T08:00:00Z"],
          ["gpt-4o-2024-05-13", "2026-10-01T00:00:00Z"],
          ["gpt-4o-2024-08-06", "2026-11-02T00:00:00Z"],
        ]),
      ),
    ).toEqual({ from: "gpt-4o-2024-08-06", to: "gpt-4o-2024-11-20", at: "2026-11-20T08:00:00Z" });
  });
});

import { describe, expect, it } from "vitest";
import { pinWarningLog } from "./pin-warning-log.js";

describe("pinWarningLog", () => {
  it("logs a warning once per project and hour, each distinct warning on its own", () => {
    const lines: string[] = [];
    let t = 0;
    const warn = pinWarningLog(
      (line) => lines.push(line),
      3_600_000,
      () => t,
    );
    warn("1", "gpt-4o is floating");
    warn("1", "gpt-4o is floating");
    warn("2", "gpt-4o is floating");
    warn("1", "claude is floating");
    expect(lines).toHaveLength(3);
    t = 3_599_999;
    warn("1", "gpt-4o is floating");
    expect(lines).toHaveLength(3);
    t = 3_600_000;
    warn("1", "gpt-4o is floating");
    expect(lines).toHaveLength(4);
    expect(lines[0]).toBe(
      "pin policy warn (project 1): gpt-4o is floating; see the Models page for the count",
    );
  });
});

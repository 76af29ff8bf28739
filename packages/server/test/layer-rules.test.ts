/**
 * The import rules in .dependency-cruiser.cjs fail when broken: each case writes a tiny tree
 * of packages into a temp folder — clean, then with one forbidden import — and runs
 * dependency-cruiser on it with the repo's own config (what `npm run layers` does in npm test).
 */
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { runCli } from "@genchi/testkit";
import { afterAll, describe, expect, it } from "vitest";

const repo = fileURLToPath(new URL("../../..", import.meta.url));
const depcruise = join(repo, "node_modules/.bin/depcruise");
const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

/** A tree with one file per package (each imports nothing), plus `extra` files; runs the rules on it. */
async function cruise(extra: Record<string, string>): Promise<{ code: number | null; out: string }> {
  const dir = mkdtempSync(join(tmpdir(), "genchi-layers-"));
  dirs.push(dir);
  copyFileSync(join(repo, "tsconfig.base.json"), join(dir, "tsconfig.base.json"));
  const files: Record<string, string> = {
    "packages/spec/src/index.ts": "export const spec = 1;\n",
    "packages/core/src/drift/index.ts": "export const drift = 1;\n",
    "packages/core/src/eval/index.ts":
      'import { spec } from "../../../spec/src/index.js";\nexport const ev = spec;\n',
    "packages/eval/src/index.ts":
      'import { ev } from "../../core/src/eval/index.js";\nexport const run = ev;\n',
    "packages/server/src/platform/jobs/job.ts": "export const job = 1;\n",
    "packages/server/src/features/review/index.ts":
      'import { job } from "../../platform/jobs/job.js";\nimport { run } from "../../../../eval/src/index.js";\nexport const review = job + run;\n',
    "packages/demo/src/index.ts":
      'import { run } from "../../eval/src/index.js";\nexport const demo = run;\n',
    ...extra,
  };
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  const r = await runCli(depcruise, ["packages", "--config", join(repo, ".dependency-cruiser.cjs")], {
    cwd: dir,
  });
  return { code: r.code, out: r.stdout + r.stderr };
}

describe("the layer rules", () => {
  it("pass on a tree that keeps them", async () => {
    const r = await cruise({});
    expect(r.out).toContain("no dependency violations found");
    expect(r.code).toBe(0);
  });

  it("let a feature use another through its index.ts", async () => {
    const r = await cruise({
      "packages/server/src/features/drift/index.ts": 'export { store } from "./store.js";\n',
      "packages/server/src/features/drift/store.ts": "export const store = 1;\n",
      "packages/server/src/features/review/uses-drift.ts":
        'import { store } from "../drift/index.js";\nexport const x = store;\n',
    });
    expect(r.out).toContain("no dependency violations found");
    expect(r.code).toBe(0);
  });

  const broken: [string, Record<string, string>][] = [
    [
      "core-imports-upward",
      {
        "packages/core/src/eval/up.ts":
          'import { review } from "../../../server/src/features/review/index.js";\nexport const x = review;\n',
      },
    ],
    [
      "eval-uses-core-eval-only",
      {
        "packages/eval/src/drifty.ts":
          'import { drift } from "../../core/src/drift/index.js";\nexport const x = drift;\n',
      },
    ],
    [
      "product-code-never-imports-demo",
      {
        "packages/server/src/features/review/seed.ts":
          'import { demo } from "../../../../demo/src/index.js";\nexport const x = demo;\n',
      },
    ],
    [
      "platform-imports-no-feature",
      {
        "packages/server/src/platform/jobs/all.ts":
          'import { review } from "../../features/review/index.js";\nexport const x = review;\n',
      },
    ],
    [
      "feature-imports-feature-through-its-index",
      {
        "packages/server/src/features/drift/index.ts": 'export { store } from "./store.js";\n',
        "packages/server/src/features/drift/store.ts": "export const store = 1;\n",
        "packages/server/src/features/review/uses-drift.ts":
          'import { store } from "../drift/store.js";\nexport const x = store;\n',
      },
    ],
    [
      "feature-imports-no-app",
      {
        "packages/server/src/app/open-store.ts": "export const openStore = 1;\n",
        "packages/server/src/features/review/opens.ts":
          'import { openStore } from "../../app/open-store.js";\nexport const x = openStore;\n',
      },
    ],
    [
      "testkit-is-test-only",
      {
        "packages/testkit/src/index.ts": "export const kit = 1;\n",
        "packages/server/src/platform/jobs/uses-kit.ts":
          'import { kit } from "../../../../testkit/src/index.js";\nexport const x = kit;\n',
      },
    ],
    [
      "no-circular",
      {
        "packages/spec/src/a.ts": 'import { b } from "./b.js";\nexport const a = () => b;\n',
        "packages/spec/src/b.ts": 'import { a } from "./a.js";\nexport const b = () => a;\n',
      },
    ],
  ];
  it.each(broken)("fail on a tree that breaks %s", async (rule, extra) => {
    const r = await cruise(extra);
    expect(r.out).toContain(`error ${rule}:`);
    expect(r.code).not.toBe(0);
  });
});

import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

const src = (name: string) => fileURLToPath(new URL(`./packages/${name}/src/index.ts`, import.meta.url));

export default defineConfig({
  resolve: {
    alias: {
      "@genchi/spec/errors": fileURLToPath(new URL("./packages/spec/src/genchi-error.ts", import.meta.url)),
      "@genchi/spec": src("spec"),
      "@genchi/core/eval": fileURLToPath(new URL("./packages/core/src/eval/index.ts", import.meta.url)),
      "@genchi/core/dialects": fileURLToPath(
        new URL("./packages/core/src/dialects/index.ts", import.meta.url),
      ),
      "@genchi/core/requirements": fileURLToPath(
        new URL("./packages/core/src/requirements/index.ts", import.meta.url),
      ),
      "@genchi/core/drift": fileURLToPath(new URL("./packages/core/src/drift/index.ts", import.meta.url)),
      "@genchi/core": src("core"),
      "@genchi/sdk/api": fileURLToPath(new URL("./packages/sdk/src/api/index.ts", import.meta.url)),
      "@genchi/sdk": src("sdk"),
      "@genchi/eval/main": fileURLToPath(new URL("./packages/eval/src/cli/eval-main.ts", import.meta.url)),
      "@genchi/eval/cli": fileURLToPath(new URL("./packages/eval/src/cli/index.ts", import.meta.url)),
      "@genchi/eval/usage": fileURLToPath(new URL("./packages/eval/src/cli/usage.ts", import.meta.url)),
      "@genchi/eval/client": fileURLToPath(
        new URL("./packages/eval/src/cli/genchi-client.ts", import.meta.url),
      ),
      "@genchi/eval": src("eval"),
      "@genchi/scripted-upstream/generated-calls": fileURLToPath(
        new URL("./packages/scripted-upstream/src/generated-calls.ts", import.meta.url),
      ),
      "@genchi/scripted-upstream": src("scripted-upstream"),
      "@genchi/demo": src("demo"),
      "@genchi/testkit": src("testkit"),
    },
  },
  test: {
    include: ["packages/*/src/**/*.test.ts", "packages/*/test/**/*.test.ts"],
    globalSetup: ["./packages/testkit/src/global-setup.ts"],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: "forks",
  },
});

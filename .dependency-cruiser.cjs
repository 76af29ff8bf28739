/**
 * Layer rules from DESIGN.md: spec ← core ← sdk ← eval ← server ← web. Nothing imports upward,
 * and no package reaches into another's src/ or dist/ by path. The demo (@genchi/demo) is no
 * layer: it stands on spec, core, eval and the scripted upstream, talks to the server over HTTP,
 * and is loaded by `genchi serve --demo` alone.
 */
const layers = ["spec", "core", "sdk", "eval", "server", "web"];
const above = (layer) => layers.slice(layers.indexOf(layer) + 1);

module.exports = {
  forbidden: [
    ...layers.slice(0, -1).map((layer) => ({
      name: `${layer}-imports-upward`,
      severity: "error",
      comment: `${layer} is below ${above(layer).join(", ")} and may not import them`,
      from: { path: `^packages/${layer}/` },
      to: {
        path: [`^packages/(${above(layer).join("|")})/`, `node_modules/@genchi/(${above(layer).join("|")})/`],
      },
    })),
    {
      name: "product-code-never-imports-demo",
      severity: "error",
      comment:
        "the demo is not product code: only `genchi serve --demo` loads it (the dynamic import in app/serve-command.ts)",
      from: {
        path: "^packages/(spec|core|sdk|eval|server|web)/src/",
        pathNot: ["\\.test\\.ts$", "^packages/server/src/app/serve-command\\.ts$"],
      },
      to: { path: ["^packages/demo/", "node_modules/@genchi/demo/"] },
    },
    {
      name: "demo-talks-to-the-server-over-http",
      severity: "error",
      comment:
        "the demo reaches the server over HTTP only; what it needs of the server's internals comes in as its DemoHost",
      from: { path: "^packages/demo/src/" },
      to: { path: ["^packages/(server|web)/", "node_modules/@genchi/(server|web)/"] },
    },
    {
      name: "scripted-upstream-is-test-only",
      severity: "error",
      comment:
        "the scripted upstream is a test double: only tests, benchmarks and the demo (packages/demo, not product code) may use it",
      from: {
        path: "^packages/(spec|core|sdk|eval|server|web)/src/",
        pathNot: "\\.test\\.ts$|/test-support/",
      },
      to: { path: "scripted-upstream" },
    },
    {
      name: "testkit-is-test-only",
      severity: "error",
      comment: "@genchi/testkit holds test helpers (databases, browser, CLI spawning): only tests import it",
      from: {
        path: "^packages/(spec|core|sdk|eval|server|web|demo|scripted-upstream)/src/",
        pathNot: "\\.test\\.ts$",
      },
      to: { path: "packages/testkit/|node_modules/@genchi/testkit/" },
    },
    {
      name: "eval-uses-core-eval-only",
      severity: "error",
      comment:
        "@genchi/eval installs @genchi/core without its optional peers (tokenizer, drift libraries): import @genchi/core/eval and @genchi/core/dialects only",
      from: { path: "^packages/eval/" },
      to: {
        path: [
          "^packages/core/(src|dist)/(?!eval/|dialects/)",
          "node_modules/@genchi/core/dist/(?!eval/|dialects/)",
        ],
      },
    },
    {
      name: "platform-imports-no-feature",
      severity: "error",
      comment:
        "platform/ is what features stand on (HTTP plumbing, jobs, the SQL runner): it imports no feature",
      // Its tests may run it with the real features (through app/open-store.ts).
      from: { path: "^packages/server/src/platform/", pathNot: "\\.test\\.ts$" },
      to: { path: "^packages/server/src/(?!platform/)" },
    },
    {
      name: "feature-imports-no-app",
      severity: "error",
      comment:
        "app/ composes the features (it imports them): a feature gets what it needs passed in (Services, CommandHost), never from app/",
      from: { path: "^packages/server/src/features/", pathNot: "\\.test\\.ts$" },
      to: { path: "^packages/server/src/app/" },
    },
    {
      name: "feature-imports-feature-through-its-index",
      severity: "error",
      comment:
        "a feature uses another only through that feature's index.ts (its public surface), never its files",
      from: { path: "^packages/server/src/features/([^/]+)/", pathNot: "\\.test\\.ts$" },
      to: {
        path: "^packages/server/src/features/[^/]+/",
        pathNot: ["^packages/server/src/features/$1/", "^packages/server/src/features/[^/]+/index\\.ts$"],
      },
    },
    {
      name: "no-unresolvable-genchi-import",
      severity: "error",
      comment: "an @genchi import that does not resolve is a package missing from package.json dependencies",
      from: {},
      to: { couldNotResolve: true, path: "^@genchi/" },
    },
    {
      name: "no-circular",
      severity: "error",
      from: {},
      to: { circular: true },
    },
  ],
  options: {
    // Workspace packages resolve (through their symlinks) to packages/*/dist: keep those
    // modules in the graph so an upward import is seen, but do not crawl built code.
    doNotFollow: { path: ["node_modules", "(^|/)dist/"] },
    exclude: { path: "node_modules/(?!@genchi)" },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: "tsconfig.base.json" },
    enhancedResolveOptions: {
      exportsFields: ["exports"],
      conditionNames: ["import", "require", "node", "default", "types"],
    },
  },
};

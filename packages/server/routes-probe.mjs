import { startServer } from "@genchi/server";
import { mkdtempSync } from "node:fs"; import { tmpdir } from "node:os"; import { join } from "node:path";
const dir = mkdtempSync(join(tmpdir(), "gp-"));
const s = await startServer({ db: join(dir, "g.db"), port: 0, initProjectKey: "gk_test_probe_key_0123456789", quiet: true });
console.log(s.app.printRoutes({ commonPrefix: false }));
await s.close();

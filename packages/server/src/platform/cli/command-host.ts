/**
 * What a feature's CLI command is given by the `genchi` program (`app/main.ts`): the way to
 * open the store with every feature's part. Passed in, so a feature's command never imports
 * the composition root.
 */
import type { Store } from "../store/store.js";

export interface CommandHost {
  /** Opens (and migrates) the store a `--db` value names; loads the database drivers only now. */
  openStore(db?: string): Promise<Store>;
}

/** One `genchi` subcommand a feature contributes: listed by `genchi --help`, loaded only when it runs. */
export interface FeatureCommand {
  name: string;
  /** How `genchi --help` lists it, e.g. "keys create|list|revoke". */
  term: string;
  summary: string;
  load(host: CommandHost): Promise<import("commander").Command>;
}

/**
 * The features' modules (store parts, routes, jobs), loaded once per process and in the
 * order of `features/index.ts`. `genchi --help` never calls this: it reads only the
 * descriptors' commands.
 */
import { features } from "../features/index.js";
import type { FeatureModule } from "../platform/feature.js";
import type { StorePart } from "../platform/store/store-part.js";

let loaded: Promise<FeatureModule[]> | undefined;

/** Every feature's module, in list order (features without one are skipped). */
export function featureModules(): Promise<FeatureModule[]> {
  loaded ??= Promise.all(features.flatMap((feature) => (feature.load ? [feature.load()] : [])));
  return loaded;
}

/** Every feature's store part, in list order: what both backends build and migrate. */
export async function storeParts(): Promise<StorePart[]> {
  return (await featureModules()).flatMap((module) => (module.store ? [module.store] : []));
}

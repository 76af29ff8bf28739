/**
 * Every feature of the server, in order: the one list. The app builder registers their routes
 * (web last: it answers what no API route took), both store backends build their sub-stores and
 * run their migrations in this order, the scheduler runs their jobs, and `genchi` lists their
 * commands. A new feature is a folder with a `feature.ts`, and one line here.
 */
import type { Feature } from "../platform/feature.js";
import { calls } from "./calls/feature.js";
import { datasets } from "./datasets/feature.js";
import { doctor } from "./doctor/feature.js";
import { drift } from "./drift/feature.js";
import { evals } from "./evals/feature.js";
import { feedback } from "./feedback/feature.js";
import { gateway } from "./gateway/feature.js";
import { health } from "./health/feature.js";
import { keys } from "./keys/feature.js";
import { models } from "./models/feature.js";
import { otlp } from "./otlp/feature.js";
import { review } from "./review/feature.js";
import { shadow } from "./shadow/feature.js";
import { stats } from "./stats/feature.js";
import { web } from "./web/feature.js";

export const features: readonly Feature[] = [
  health,
  calls,
  feedback,
  keys,
  models,
  gateway,
  shadow,
  otlp,
  stats,
  evals,
  datasets,
  review,
  drift,
  doctor,
  web,
];

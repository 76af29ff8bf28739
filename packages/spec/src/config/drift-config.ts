/** The config file's `drift:` section: which routes get a daily drift report, against which dataset, at what hour. */
import { z } from "zod";

export const driftConfigSchema = z
  .object({
    /** Routes with a daily report: the route's baseline dataset vs its last day of production. */
    routes: z.array(z.string().min(1).max(512)).default([]),
    /** The baseline dataset's name; `{route}` stands for the route. */
    baselineDataset: z.string().min(1).max(200).default("{route}-baseline"),
    /** UTC hour from which the day's report runs (it covers the 24 hours before the run). */
    hour: z.number().int().min(0).max(23).default(6),
    /** Embeddings and topics too (slower); descriptors only by default. */
    semantic: z.boolean().default(false),
  })
  .strict()
  .default({ routes: [], baselineDataset: "{route}-baseline", hour: 6, semantic: false });

export type DriftConfig = z.infer<typeof driftConfigSchema>;

/**
 * Datasets: named lists of eval inputs (and expected outputs) per route. An item keeps where
 * it came from (`sourceCallId`, `metadata`), so review, drift and feedback can add items with
 * provenance. `tests: genchi://datasets/NAME` in an eval config runs a suite over one.
 */
import { z } from "zod";

/** Dataset names are path-safe: they appear in `genchi://datasets/NAME` and URLs. */
export const datasetNameSchema = z
  .string()
  .min(1)
  .max(200)
  .regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, "use letters, digits, '.', '_' and '-' (e.g. categorize-golden)");

export const datasetCreateSchema = z.object({
  name: datasetNameSchema,
  /** The app feature its items exercise (`categorize`). */
  route: z.string().min(1).max(512).nullable().default(null),
  description: z.string().max(4000).default(""),
});
export type DatasetCreate = z.input<typeof datasetCreateSchema>;

export const datasetSchema = z.object({
  id: z.string(),
  name: z.string(),
  route: z.string().nullable(),
  description: z.string(),
  itemCount: z.number().int(),
  createdAt: z.string(),
});
export type Dataset = z.infer<typeof datasetSchema>;

export const datasetItemInSchema = z.object({
  /** Set by the client to make adding idempotent; genchi makes one otherwise. */
  id: z.string().min(1).max(200).optional(),
  /** The test's variables (`{{ticket}}` in a prompt). */
  vars: z.record(z.string(), z.unknown()),
  /** The expected output: a string (`contains: billing`, or compared with `equals`) or any JSON. */
  expected: z.unknown().optional(),
  /** The call the item was taken from, if any. */
  sourceCallId: z.string().max(200).nullable().optional(),
  metadata: z.record(z.string(), z.unknown()).optional(),
});
export type DatasetItemIn = z.input<typeof datasetItemInSchema>;

export const datasetItemSchema = z.object({
  id: z.string(),
  datasetId: z.string(),
  vars: z.record(z.string(), z.unknown()),
  expected: z.unknown().nullable(),
  sourceCallId: z.string().nullable(),
  metadata: z.record(z.string(), z.unknown()),
  createdAt: z.string(),
});
export type DatasetItem = z.infer<typeof datasetItemSchema>;

export const datasetItemsBatchSchema = z.object({
  items: z.array(datasetItemInSchema).min(1).max(10_000),
});

export const datasetItemsQuerySchema = z.object({
  limit: z.coerce.number().int().min(1).max(10_000).default(100),
  cursor: z.string().max(300).optional(),
});
export type DatasetItemsQuery = z.infer<typeof datasetItemsQuerySchema>;

export const datasetItemsPageSchema = z.object({
  data: z.array(datasetItemSchema),
  nextCursor: z.string().nullable(),
});
export type DatasetItemsPage = z.infer<typeof datasetItemsPageSchema>;

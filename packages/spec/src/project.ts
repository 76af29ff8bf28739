/** Projects (tenants) and the metadata of their keys. Secrets are never part of these shapes. */
import { z } from "zod";

export const projectSchema = z.object({
  id: z.string(),
  name: z
    .string()
    .min(1)
    .max(100)
    .regex(/^[a-z0-9][a-z0-9_-]*$/, "project names are lower-case letters, digits, - and _"),
  createdAt: z.iso.datetime({ offset: true }),
});
export type Project = z.infer<typeof projectSchema>;

/**
 * `secret` keys ingest and read; `public` keys may only post feedback
 * (safe to ship in a web page).
 */
export const keyKinds = ["secret", "public"] as const;
export type KeyKind = (typeof keyKinds)[number];

export const keyMetaSchema = z.object({
  id: z.string(),
  projectId: z.string(),
  kind: z.enum(keyKinds),
  /** The first characters of the key, for people to tell keys apart. */
  prefix: z.string(),
  name: z.string().nullable(),
  createdAt: z.iso.datetime({ offset: true }),
  lastUsedAt: z.iso.datetime({ offset: true }).nullable(),
});
export type KeyMeta = z.infer<typeof keyMetaSchema>;

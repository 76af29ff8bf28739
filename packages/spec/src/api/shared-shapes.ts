/** Shapes several API areas share: path parameters, "no content", a `{data:[…]}` list, a typed passthrough. */
import { z } from "zod";

/** `/…/:id` */
export const idParams = z.object({ id: z.string().min(1) });
/** `/…/:route` */
export const routeParams = z.object({ route: z.string().min(1) });

/** A 204 answer: no body (the client resolves with null). */
export const noContent = z.null();

/** `{"data":[…]}`, the shape of the API's unpaged lists. */
export const listOf = <S extends z.ZodType>(item: S) => z.object({ data: z.array(item) });

/**
 * A shape spec declares as a TypeScript interface only: typed for clients, not checked at
 * run time (`validate` in the SDK passes it as is).
 */
export const typed = <T>() => z.custom<T>(() => true);

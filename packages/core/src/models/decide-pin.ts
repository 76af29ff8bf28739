/**
 * What the gateway does with a requested model under a project's pin policy: pass it on,
 * pass it with a warning, rewrite a floating alias to its pinned snapshot, or refuse it.
 */
import { classifyModelId } from "./classify-model-id.js";

export type PinPolicyName = "off" | "warn" | "resolve" | "reject";

/** A pin as the decision needs it: a route or an alias, and the snapshot it maps to. */
export interface PinRule {
  route: string | null;
  alias: string | null;
  pinned: string;
}

export type PinDecision =
  | { type: "pass"; model: string }
  | { type: "warn"; model: string; warning: string }
  | { type: "resolve"; model: string; from: string }
  | { type: "reject"; message: string };

/** The pin that applies: the route's own pin first, else a pin on the alias (with or without `provider/`). */
export function findPin(pins: readonly PinRule[], route: string | null, model: string): PinRule | null {
  if (route) {
    const byRoute = pins.find((p) => p.route === route);
    if (byRoute) return byRoute;
  }
  const bare = model.includes("/") ? model.slice(model.indexOf("/") + 1) : model;
  return pins.find((p) => p.alias !== null && (p.alias === model || p.alias === bare)) ?? null;
}

/**
 * @example decidePin("resolve", [{ route: null, alias: "gpt-4o", pinned: "gpt-4o-2024-08-06" }], null, "gpt-4o")
 * // → { type: "resolve", model: "gpt-4o-2024-08-06", from: "gpt-4o" }
 */
export function decidePin(
  policy: PinPolicyName,
  pins: readonly PinRule[],
  route: string | null,
  model: string,
): PinDecision {
  if (policy === "off") return { type: "pass", model };
  const cls = classifyModelId(model);
  const pin = findPin(pins, route, model);
  // A route pin applies even to a pinned id: the route is meant to run that snapshot.
  const routeMismatch = pin?.route != null && pin.pinned !== model && pin.pinned !== cls.model;
  if (cls.kind === "pinned" && !routeMismatch) return { type: "pass", model };
  const target = pin?.pinned ?? null;
  const what =
    cls.kind === "floating"
      ? `model '${model}' is a floating alias (${cls.reason})`
      : `route '${route}' is pinned to '${target}' but the call asked for '${model}'`;
  const advice = target
    ? `use the pinned snapshot '${target}'`
    : `pin it: add a dated snapshot for '${model}' under models.pins in the config or via PUT /api/v1/models/pins`;
  switch (policy) {
    case "warn":
      return { type: "warn", model, warning: `${what}; ${advice}` };
    case "resolve":
      if (target) return { type: "resolve", model: target, from: model };
      return { type: "warn", model, warning: `${what}; ${advice}` };
    case "reject":
      return { type: "reject", message: `${what}; ${advice}` };
  }
}

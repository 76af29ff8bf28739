/** The alert state machine: one alert when a requirement breaks, one when it recovers, none while it flaps. */
import type { RequirementStatus } from "@genchi/spec";

/** Whether a requirement's alert is firing. */
export interface AlertState {
  firing: boolean;
}

/** An alert to post (once per transition). */
export interface Alert {
  kind: "broken" | "recovered";
  value: number | null;
}

/** The state before any evaluation. */
export const initialAlertState: AlertState = { firing: false };

/**
 * The next alert state and the alert to post, if any. Hysteresis: an alert fires when the status
 * becomes `broken`, and clears only when it is back to `met` — past the at-risk band — so a value
 * flapping between `broken` and `at_risk` around the threshold posts one alert, not one per crossing.
 * `no_data` changes nothing.
 *
 * @example nextAlertState({ firing: false }, "broken", 0.08) // → { state: { firing: true }, alert: { kind: "broken", value: 0.08 } }
 */
export function nextAlertState(
  state: AlertState,
  status: RequirementStatus,
  value: number | null,
): { state: AlertState; alert: Alert | null } {
  if (!state.firing && status === "broken")
    return { state: { firing: true }, alert: { kind: "broken", value } };
  if (state.firing && status === "met")
    return { state: { firing: false }, alert: { kind: "recovered", value } };
  return { state, alert: null };
}

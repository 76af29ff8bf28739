/**
 * The gateway's paths and the wire dialect of each (`@genchi/core/dialects`, where all the wire
 * knowledge lives): what a gateway call means — the input of a request body, and the output,
 * usage, served model and finish reason of a JSON response or of a stream's events.
 */
import {
  type Dialect as CoreDialect,
  dialects as coreDialects,
  type DialectPath,
} from "@genchi/core/dialects";
import type { CallInput } from "@genchi/spec";
import type { RawSseEvent } from "./sse-splitter.js";

export type GatewayPath = DialectPath;
export type { ResponseFields } from "@genchi/core/dialects";

/** A dialect as the call builder reads it (names kept from before the dialects moved to core). */
export interface Dialect {
  input(body: Record<string, unknown>): CallInput;
  fromJson: CoreDialect["readResponse"];
  /** Folds a stream's events; `isContent` tells the first event carrying output (for TTFT). */
  fromEvents(events: readonly RawSseEvent[]): ReturnType<CoreDialect["foldStream"]>;
  isContent(event: RawSseEvent): boolean;
}

const forGateway = (d: CoreDialect): Dialect => ({
  input: d.readRequest,
  fromJson: d.readResponse,
  fromEvents: d.foldStream,
  isContent: d.isContent,
});

export const dialects = Object.fromEntries(coreDialects.map((d) => [d.path, forGateway(d)])) as Readonly<
  Record<GatewayPath, Dialect>
>;

/**
 * The one error a genchi REST client throws: the server's `{"error":{code,message,field?}}`
 * with the HTTP status, or status 0 when the server could not be reached.
 */
import { type ErrorCode, errorCodes } from "@genchi/spec/errors";

const known: ReadonlySet<string> = new Set(errorCodes);

export class GenchiApiError extends Error {
  override readonly name = "GenchiApiError";

  constructor(
    /** The HTTP status; 0 when no answer came (network down, server gone). */
    readonly status: number,
    readonly code: ErrorCode,
    message: string,
    /** The request field the server names, when it names one. */
    readonly field?: string,
    /** Whatever else the error body carries (e.g. `issues`). */
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
  }

  /** True when the key is missing or unknown (the UI asks for a key again). */
  get unauthorized(): boolean {
    return this.status === 401;
  }

  /** True for any GenchiApiError, across copies of the SDK. */
  static isInstance(value: unknown): value is GenchiApiError {
    return value instanceof GenchiApiError || (value as { name?: unknown } | null)?.name === "GenchiApiError";
  }

  /**
   * The error of a failed answer, from its status and body text.
   *
   * @example GenchiApiError.fromAnswer(404, "Not Found", '{"error":{"code":"GENCHI_NOT_FOUND","message":"no call"}}')
   */
  static fromAnswer(status: number, statusText: string, text: string): GenchiApiError {
    let body: unknown = null;
    try {
      body = text === "" ? null : JSON.parse(text);
    } catch {
      // not JSON (a proxy's page): the status line and the start of the text say what happened
    }
    const error = (body as { error?: unknown } | null)?.error;
    if (error && typeof error === "object") {
      const { code, message, field, ...rest } = error as Record<string, unknown>;
      return new GenchiApiError(
        status,
        typeof code === "string" && known.has(code) ? (code as ErrorCode) : codeOfStatus(status),
        typeof message === "string" ? message : `the server answered ${status} ${statusText}`.trim(),
        typeof field === "string" ? field : undefined,
        Object.keys(rest).length > 0 ? rest : undefined,
      );
    }
    const excerpt = text.slice(0, 200).trim();
    return new GenchiApiError(
      status,
      codeOfStatus(status),
      excerpt ? excerpt : `the server answered ${status} ${statusText}`.trim(),
    );
  }
}

/** The code of a failed answer that carries none of genchi's. */
function codeOfStatus(status: number): ErrorCode {
  if (status === 401) return "GENCHI_UNAUTHORIZED";
  if (status === 403) return "GENCHI_FORBIDDEN";
  if (status === 404) return "GENCHI_NOT_FOUND";
  if (status === 413) return "GENCHI_PAYLOAD_TOO_LARGE";
  if (status === 429) return "GENCHI_RATE_LIMITED";
  if (status >= 400 && status < 500) return "GENCHI_BAD_REQUEST";
  return "GENCHI_UPSTREAM";
}

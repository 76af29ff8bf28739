/** An API failure as data: the server's `{error:{code,message}}`, or a network/parse problem. */

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = "ApiError";
  }

  /** True when the key is missing or wrong: the UI asks for a key again. */
  get unauthorized(): boolean {
    return this.status === 401;
  }
}

/**
 * Reads the error JSON of a failed response into an ApiError.
 *
 * @example throw await apiErrorOf(response)
 */
export async function apiErrorOf(response: Response): Promise<ApiError> {
  let code = `HTTP_${response.status}`;
  let message = `the server answered ${response.status} ${response.statusText}`;
  try {
    const body = (await response.json()) as { error?: { code?: unknown; message?: unknown } };
    if (typeof body.error?.code === "string") code = body.error.code;
    if (typeof body.error?.message === "string") message = body.error.message;
  } catch {
    // Not JSON: keep the status line.
  }
  return new ApiError(response.status, code, message);
}

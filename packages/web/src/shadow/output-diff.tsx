/**
 * A primary output and its candidate twin side by side, word-level differences marked (jsdiff):
 * what the candidate dropped is struck on the left, what it added is highlighted on the right.
 */
import { diffWordsWithSpace } from "diff";
import { useMemo } from "react";

const maxDiffChars = 20_000;

export function OutputDiff({
  primary,
  candidate,
  error,
}: {
  primary: string;
  candidate: string;
  error: string | null;
}) {
  const parts = useMemo(
    () =>
      error === null && primary.length + candidate.length <= maxDiffChars
        ? diffWordsWithSpace(primary, candidate)
        : null,
    [primary, candidate, error],
  );
  const left = parts
    ? parts
        .filter((p) => !p.added)
        .map((p, i) =>
          p.removed ? (
            // biome-ignore lint/suspicious/noArrayIndexKey: the parts of one diff never reorder.
            <del key={i} className="shadow-removed">
              {p.value}
            </del>
          ) : (
            // biome-ignore lint/suspicious/noArrayIndexKey: as above.
            <span key={i}>{p.value}</span>
          ),
        )
    : primary;
  const right =
    error !== null ? (
      <span className="text-error">{error}</span>
    ) : parts ? (
      parts
        .filter((p) => !p.removed)
        .map((p, i) =>
          p.added ? (
            // biome-ignore lint/suspicious/noArrayIndexKey: the parts of one diff never reorder.
            <ins key={i} className="shadow-added">
              {p.value}
            </ins>
          ) : (
            // biome-ignore lint/suspicious/noArrayIndexKey: as above.
            <span key={i}>{p.value}</span>
          ),
        )
    ) : (
      candidate
    );
  return (
    <>
      <pre className="shadow-output" data-testid="primary-output">
        {left}
      </pre>
      <pre className="shadow-output" data-testid="candidate-output">
        {right}
      </pre>
    </>
  );
}

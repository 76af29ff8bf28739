/** The key prompt: shown on first visit (outside local mode) and after a key is rejected. */
import { type FormEvent, useState } from "react";

interface KeyPromptProps {
  rejected: boolean;
  /** The local-mode key the server offers, if any. */
  localKey: string | null;
  onKey: (key: string) => void;
}

export function KeyPrompt({ rejected, localKey, onKey }: KeyPromptProps) {
  const [key, setKey] = useState("");
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const trimmed = key.trim();
    if (trimmed) onKey(trimmed);
  };
  return (
    <div className="key-prompt-page">
      <form className="key-prompt card" onSubmit={submit} aria-label="project key">
        <div className="brand brand-large">genchi</div>
        <h1>Enter your project key</h1>
        {rejected ? (
          <p className="message message-error" role="alert">
            The server did not accept that key. Enter a valid project key.
          </p>
        ) : null}
        <p className="muted">
          <code>genchi serve</code> prints the default project's key when it starts; make another with{" "}
          <code>genchi keys create --project default</code>. The key is kept in this browser.
        </p>
        <input
          name="key"
          type="password"
          autoComplete="off"
          placeholder="gk_…"
          value={key}
          onChange={(e) => setKey(e.target.value)}
        />
        <div className="row">
          <button type="submit" className="primary" disabled={!key.trim()}>
            Open
          </button>
          {localKey ? (
            <button type="button" onClick={() => onKey(localKey)}>
              Use this machine's local key
            </button>
          ) : null}
        </div>
      </form>
    </div>
  );
}

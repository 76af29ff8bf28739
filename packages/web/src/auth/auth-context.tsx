/**
 * Who the UI talks as: resolves the project key (saved key, else the local-mode key from
 * `/api/v1/bootstrap`, else the key prompt) and hands out an ApiClient. A 401 anywhere
 * forgets the key and shows the prompt again.
 */
import type { Bootstrap } from "@genchi/spec";
import { createContext, type ReactNode, useCallback, useContext, useEffect, useMemo, useState } from "react";
import { type ApiClient, createApiClient, fetchBootstrap } from "../api/api-client.js";
import { KeyPrompt } from "./key-prompt.js";
import { loadKey, saveKey } from "./key-storage.js";

type AuthState =
  | { type: "starting" }
  | { type: "prompt"; reason: "no-key" | "rejected"; bootstrap: Bootstrap | null }
  | { type: "ready"; key: string; bootstrap: Bootstrap | null };

interface AuthValue {
  client: ApiClient;
  bootstrap: Bootstrap | null;
  signOut: () => void;
}

const AuthContext = createContext<AuthValue | null>(null);

/** The API client of the signed-in key. */
export function useAuth(): AuthValue {
  const value = useContext(AuthContext);
  if (!value) throw new Error("useAuth outside <AuthProvider>");
  return value;
}

export function AuthProvider({ children }: { children: ReactNode }) {
  const [state, setState] = useState<AuthState>({ type: "starting" });

  useEffect(() => {
    let live = true;
    const saved = loadKey();
    // A saved key opens at once; the bootstrap only adds whether this is local mode.
    if (saved) setState({ type: "ready", key: saved, bootstrap: null });
    fetchBootstrap().then((bootstrap) => {
      if (!live) return;
      if (saved) {
        setState((s) => (s.type === "starting" ? s : { ...s, bootstrap }));
        return;
      }
      const key = bootstrap?.localMode ? (bootstrap.key ?? null) : null;
      setState(key ? { type: "ready", key, bootstrap } : { type: "prompt", reason: "no-key", bootstrap });
    });
    return () => {
      live = false;
    };
  }, []);

  const reject = useCallback(() => {
    saveKey(null);
    setState((s) => ({
      type: "prompt",
      reason: "rejected",
      bootstrap: s.type === "starting" ? null : s.bootstrap,
    }));
  }, []);

  const signIn = useCallback((key: string) => {
    saveKey(key);
    setState((s) => ({ type: "ready", key, bootstrap: s.type === "starting" ? null : s.bootstrap }));
  }, []);

  const readyKey = state.type === "ready" ? state.key : null;
  const client = useMemo(
    () => (readyKey === null ? null : createApiClient(readyKey, reject)),
    [readyKey, reject],
  );
  const value = useMemo<AuthValue | null>(
    () =>
      client === null
        ? null
        : {
            client,
            bootstrap: state.type === "ready" ? state.bootstrap : null,
            signOut: () => {
              saveKey(null);
              setState((s) => ({
                type: "prompt",
                reason: "no-key",
                bootstrap: s.type === "ready" ? s.bootstrap : null,
              }));
            },
          },
    [client, state],
  );

  if (state.type === "starting") return <div className="boot">Loading genchi…</div>;
  if (state.type === "prompt" || !value) {
    const bootstrap = state.type === "prompt" ? state.bootstrap : null;
    return (
      <KeyPrompt
        rejected={state.type === "prompt" && state.reason === "rejected"}
        localKey={bootstrap?.localMode ? (bootstrap.key ?? null) : null}
        onKey={signIn}
      />
    );
  }
  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}

/** The project key kept in the browser (localStorage), so the prompt shows only once. */

const storageKey = "genchi.key";

/** The saved key, or null. */
export function loadKey(): string | null {
  try {
    return localStorage.getItem(storageKey);
  } catch {
    return null;
  }
}

/** Saves the key, or forgets it when given null. */
export function saveKey(key: string | null): void {
  try {
    if (key === null) localStorage.removeItem(storageKey);
    else localStorage.setItem(storageKey, key);
  } catch {
    // Private mode: the key lives for this page only.
  }
}

/** Light/dark switch; the choice is kept in localStorage, the default follows the system. */
import { useEffect, useState } from "react";

type Theme = "light" | "dark";

function initialTheme(): Theme {
  try {
    const saved = localStorage.getItem("genchi.theme");
    if (saved === "light" || saved === "dark") return saved;
  } catch {
    // ignore
  }
  return matchMedia("(prefers-color-scheme: dark)").matches ? "dark" : "light";
}

export function ThemeToggle() {
  const [theme, setTheme] = useState<Theme>(initialTheme);
  useEffect(() => {
    document.documentElement.dataset.theme = theme;
  }, [theme]);
  const flip = () => {
    const next = theme === "dark" ? "light" : "dark";
    setTheme(next);
    try {
      localStorage.setItem("genchi.theme", next);
    } catch {
      // ignore
    }
  };
  return (
    <button type="button" className="ghost small" onClick={flip} title="switch light/dark">
      {theme === "dark" ? "☀ Light" : "☾ Dark"}
    </button>
  );
}

/** The chart palette: distinct, calm colours that read on light and dark backgrounds. */

export const palette = [
  "#3b5bdb",
  "#e8590c",
  "#2f9e44",
  "#ae3ec9",
  "#1098ad",
  "#f08c00",
  "#c2255c",
  "#5c7cfa",
  "#868e96",
] as const;

/** The colour of the n-th series. */
export function colorAt(index: number): string {
  return palette[index % palette.length] ?? "#868e96";
}

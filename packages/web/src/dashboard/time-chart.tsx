/**
 * A uPlot line chart of one metric over time, one line per series. Clicking a point picks
 * its bucket (and the nearest series) so the caller can open the matching calls.
 */
import { useEffect, useRef } from "react";
import uPlot from "uplot";
import "uplot/dist/uPlot.min.css";
import { useThemeName } from "../ui/use-theme-name.js";

export interface ChartLine {
  label: string;
  color: string;
  values: Array<number | null>;
  dashed?: boolean;
}

interface TimeChartProps {
  /** Bucket starts in seconds. */
  xs: number[];
  lines: ChartLine[];
  formatY: (value: number) => string;
  /** Counts: ticks at whole numbers only (no "0, 0, 1, 1" from rounded fractions). */
  integer?: boolean;
  height?: number;
  /** Called with the bucket index and the focused line index (or null). */
  onPick?: (bucketIndex: number, lineIndex: number | null) => void;
  testId?: string;
}

/** Tick steps for counts: 1, 2, 5, 10, 20, 50, … */
const wholeSteps = Array.from({ length: 16 }, (_, i) => [1, 2, 5].map((m) => m * 10 ** i)).flat();

export function TimeChart({
  xs,
  lines,
  formatY,
  integer = false,
  height = 180,
  onPick,
  testId,
}: TimeChartProps) {
  const host = useRef<HTMLDivElement>(null);
  const pick = useRef(onPick);
  pick.current = onPick;
  const theme = useThemeName();

  // biome-ignore lint/correctness/useExhaustiveDependencies: the theme changes the CSS colours read inside.
  useEffect(() => {
    const element = host.current;
    if (!element) return;
    let focused: number | null = null;
    const css = getComputedStyle(document.documentElement);
    const axisColor = css.getPropertyValue("--muted").trim() || "#868e96";
    const gridColor = css.getPropertyValue("--grid").trim() || "rgba(0,0,0,0.06)";
    const axis: uPlot.Axis = {
      stroke: axisColor,
      grid: { stroke: gridColor, width: 1 },
      ticks: { stroke: gridColor, width: 1 },
      font: "11px system-ui, sans-serif",
    };
    const options: uPlot.Options = {
      width: Math.max(200, element.clientWidth),
      height,
      legend: { show: false },
      cursor: { focus: { prox: 24 }, drag: { x: false, y: false } },
      focus: { alpha: 0.35 },
      scales: {
        x: { time: true },
        y: { range: (_u, min, max) => [Math.min(0, min), max > 0 ? max * 1.08 : 1] },
      },
      axes: [
        { ...axis },
        {
          ...axis,
          size: 64,
          values: (_u, splits) => splits.map((v) => formatY(v)),
          ...(integer ? { incrs: wholeSteps } : {}),
        },
      ],
      series: [
        {},
        ...lines.map((line) => ({
          label: line.label,
          stroke: line.color,
          width: 1.5,
          points: { show: xs.length < 60 },
          spanGaps: false,
          ...(line.dashed ? { dash: [4, 3] } : {}),
        })),
      ],
      hooks: {
        setSeries: [
          (_u, index) => {
            focused = index === null ? null : index - 1;
          },
        ],
      },
    };
    const data = [xs, ...lines.map((line) => line.values)] as uPlot.AlignedData;
    const plot = new uPlot(options, data, element);
    const onClick = () => {
      const index = plot.cursor.idx;
      if (index !== null && index !== undefined) pick.current?.(index, focused);
    };
    plot.over.addEventListener("click", onClick);
    const resize = new ResizeObserver(() => {
      const width = Math.max(200, element.clientWidth);
      if (width !== plot.width) plot.setSize({ width, height });
    });
    resize.observe(element);
    return () => {
      resize.disconnect();
      plot.over.removeEventListener("click", onClick);
      plot.destroy();
    };
  }, [xs, lines, formatY, integer, height, theme]);

  return <div ref={host} className="chart" data-testid={testId} data-points={xs.length} />;
}

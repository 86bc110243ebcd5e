import {
  BarController,
  BarElement,
  Chart,
  Legend,
  LinearScale,
  LineController,
  LineElement,
  PointElement,
  TimeScale,
  Tooltip,
} from 'chart.js';
import 'chartjs-adapter-luxon';

// Only what the page draws is registered, so the rest of Chart.js stays out of the bundle.
Chart.register(
  BarController,
  BarElement,
  LineController,
  LineElement,
  PointElement,
  LinearScale,
  TimeScale,
  Tooltip,
  Legend,
);
// Re-rendering on every range change makes animation noise rather than information.
Chart.defaults.animation = false;
Chart.defaults.maintainAspectRatio = false;

export { Chart };

/** Colours come from the stylesheet, so light and dark mode stay in one place. */
export interface ChartTheme {
  bar: string;
  line: string;
  correction: string;
  /** Growth spread over days we did not observe: the bar colour, faded. */
  gap: string;
  text: string;
  grid: string;
  font: string;
}

export function readTheme(element: Element): ChartTheme {
  const style = getComputedStyle(element);
  const read = (name: string, fallback: string) => style.getPropertyValue(name).trim() || fallback;
  return {
    bar: read('--chart-bar', '#12b886'),
    line: read('--chart-line', '#364fc7'),
    correction: read('--chart-correction', '#f08c00'),
    gap: read('--chart-gap', 'rgba(18, 184, 134, 0.25)'),
    text: read('--text-muted', '#666'),
    grid: read('--grid', 'rgba(0,0,0,0.08)'),
    font: style.fontFamily,
  };
}

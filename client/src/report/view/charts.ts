// The report's charts, drawn with Chart.js (bundled: no network). Only the parts used are registered, which keeps
// the bundle small. Colours come from the theme's CSS variables (VS Code's chart colours in the editor, our own in
// the standalone page), and the charts are drawn again when the theme changes.
import { BarController, BarElement, CategoryScale, Chart, Legend, LinearScale, Tooltip, type ChartEvent, type ActiveElement } from 'chart.js';
import { OUTCOMES, type Outcome } from '../../../../server/src/core/report/event';
import type { Counts } from '../../../../server/src/core/report/model';

Chart.register(BarController, BarElement, CategoryScale, LinearScale, Legend, Tooltip);

export interface BarSeries {
  labels: string[];
  counts: Counts[];
}

export type BarClick = (index: number, outcome: Outcome | undefined) => void;

function cssVar(name: string): string {
  return getComputedStyle(document.body).getPropertyValue(name).trim();
}

function theme() {
  const highContrast = document.body.classList.contains('vscode-high-contrast') || document.body.classList.contains('vscode-high-contrast-light');
  return {
    colours: Object.fromEntries(OUTCOMES.map((o) => [o, cssVar(`--mec-${o}`) || '#888'])) as Record<Outcome, string>,
    text: cssVar('--mec-foreground') || '#444',
    grid: cssVar('--mec-grid') || 'rgba(128,128,128,0.25)',
    border: highContrast ? cssVar('--mec-contrast-border') || '#fff' : undefined,
    font: cssVar('--mec-font-family') || 'sans-serif',
  };
}

/** A stacked bar chart of outcomes: vertical (the time line) or horizontal (domains, providers). */
export function outcomeChart(canvas: HTMLCanvasElement, series: BarSeries, horizontal: boolean, onClick: BarClick): Chart<'bar'> {
  const t = theme();
  const present = OUTCOMES.filter((o) => series.counts.some((c) => c[o] > 0));
  const chart = new Chart(canvas, {
    type: 'bar',
    data: {
      labels: series.labels,
      datasets: present.map((o) => ({
        label: o,
        data: series.counts.map((c) => c[o]),
        backgroundColor: t.colours[o],
        borderColor: t.border ?? t.colours[o],
        borderWidth: t.border ? 1 : 0,
        stack: 'outcomes',
      })),
    },
    options: {
      indexAxis: horizontal ? 'y' : 'x',
      animation: false,
      responsive: true,
      maintainAspectRatio: false,
      interaction: { mode: 'nearest', intersect: true },
      font: { family: t.font },
      scales: {
        x: { stacked: true, ticks: { color: t.text, precision: 0, autoSkip: true, maxRotation: 0 }, grid: { color: t.grid } },
        y: { stacked: true, ticks: { color: t.text, precision: 0 }, grid: { color: t.grid } },
      },
      plugins: {
        legend: { position: 'top', labels: { color: t.text, boxWidth: 12 } },
        tooltip: { mode: 'index', intersect: false },
      },
      onClick: (_event: ChartEvent, elements: ActiveElement[]) => {
        const hit = elements[0];
        if (hit) onClick(hit.index, present[hit.datasetIndex]);
      },
      onHover: (event: ChartEvent, elements: ActiveElement[]) => {
        const target = event.native?.target as HTMLElement | undefined;
        if (target) target.style.cursor = elements.length ? 'pointer' : 'default';
      },
    },
  });
  return chart;
}

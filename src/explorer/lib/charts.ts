import {
  Chart,
  Legend,
  LinearScale,
  LineController,
  LineElement,
  PointElement,
  ScatterController,
  Tooltip,
  type ChartConfiguration,
} from 'chart.js';
import { useEffect, useRef } from 'react';

// Registering only what the two charts use keeps the rest of Chart.js out of the bundle.
Chart.register(LinearScale, LineController, LineElement, PointElement, ScatterController, Tooltip, Legend);
Chart.defaults.color = '#1b1b1b';
Chart.defaults.font.family = 'system-ui, sans-serif';
// Charts redraw on every change of inputs; animating each redraw only slows reading and tests.
Chart.defaults.animation = false;

/** A Chart.js chart on the returned canvas ref, rebuilt whenever `config` changes identity. */
export function useChart(config: ChartConfiguration | undefined) {
  const canvasRef = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    if (!config || !canvasRef.current) return;
    const chart = new Chart(canvasRef.current, config);
    return () => chart.destroy();
  }, [config]);
  return canvasRef;
}

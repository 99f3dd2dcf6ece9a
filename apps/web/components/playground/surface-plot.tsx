'use client';

import { useEffect, useMemo, useRef } from 'react';
import { SURFACES, type PlaygroundSettings, type Trajectory } from '@sweepwise/engine/playground';
import { makeScale } from '@/lib/charts/scale';
import { OPTIMIZER_COLORS } from '@/lib/playground/optimizer-colors';

const W = 460;
const CELLS = 130;
const BANDS = 14;

/**
 * The surface as filled contours (bands of log(f − min + 1), so valleys keep their detail) drawn
 * once per surface into a canvas, with every optimizer's path over it in SVG.
 */
export function SurfacePlot({
  settings,
  paths,
}: {
  settings: PlaygroundSettings;
  paths: readonly Trajectory[];
}) {
  const surface = SURFACES[settings.surface];
  const [x0, x1, y0, y1] = surface.window;
  const H = Math.round((W * (y1 - y0)) / (x1 - x0));
  const sx = makeScale([x0, x1], [0, W]);
  const sy = makeScale([y0, y1], [H, 0]);
  const canvas = useRef<HTMLCanvasElement>(null);
  const { condition } = settings;

  const bands = useMemo(() => {
    const rows = Math.round((CELLS * H) / W);
    const values = new Float64Array(CELLS * rows);
    let min = Infinity;
    for (let r = 0; r < rows; r++) {
      for (let c = 0; c < CELLS; c++) {
        const x = x0 + ((c + 0.5) / CELLS) * (x1 - x0);
        const y = y1 - ((r + 0.5) / rows) * (y1 - y0);
        const v = surface.value(x, y, condition);
        values[r * CELLS + c] = v;
        min = Math.min(min, v);
      }
    }
    let max = 0;
    for (let i = 0; i < values.length; i++) {
      values[i] = Math.log1p(values[i] - min);
      max = Math.max(max, values[i]);
    }
    const band = new Uint8Array(values.length);
    for (let i = 0; i < values.length; i++) {
      band[i] = Math.min(BANDS - 1, Math.floor((values[i] / (max || 1)) * BANDS));
    }
    return { band, rows };
  }, [surface, condition, x0, x1, y0, y1, H]);

  useEffect(() => {
    const ctx = canvas.current?.getContext('2d');
    if (!ctx) return;
    const image = ctx.createImageData(CELLS, bands.rows);
    for (let i = 0; i < bands.band.length; i++) {
      // light (low) to dark (high) slate-blue
      const t = bands.band[i] / (BANDS - 1);
      image.data[4 * i] = 240 - 150 * t;
      image.data[4 * i + 1] = 245 - 140 * t;
      image.data[4 * i + 2] = 255 - 90 * t;
      image.data[4 * i + 3] = 255;
    }
    ctx.putImageData(image, 0, 0);
  }, [bands]);

  return (
    <div className="relative" style={{ width: W, height: H }}>
      <canvas
        ref={canvas}
        width={CELLS}
        height={bands.rows}
        className="absolute inset-0 h-full w-full"
        style={{ imageRendering: 'pixelated' }}
        aria-hidden
      />
      <svg
        viewBox={`0 0 ${W} ${H}`}
        width={W}
        height={H}
        className="absolute inset-0"
        data-testid="surface-plot"
        role="img"
        aria-label={`Optimizer paths on ${surface.label}`}
      >
        {surface.minima.map(([mx, my]) => (
          <path
            key={`${mx},${my}`}
            d={`M${sx(mx) - 5},${sy(my)}h10M${sx(mx)},${sy(my) - 5}v10`}
            stroke="#0f172a"
            strokeWidth={1.5}
          />
        ))}
        <circle cx={sx(settings.start[0])} cy={sy(settings.start[1])} r={4} fill="#0f172a" />
        {paths.map((t) => {
          let d = '';
          for (let i = 0; i < t.length; i++) {
            d += `${i ? 'L' : 'M'}${sx(t.x[i]).toFixed(1)},${sy(t.y[i]).toFixed(1)}`;
          }
          const last = t.length - 1;
          return (
            <g key={t.optimizer}>
              <path
                d={d}
                data-optimizer={t.optimizer}
                fill="none"
                stroke={OPTIMIZER_COLORS[t.optimizer]}
                strokeWidth={1.6}
                strokeLinejoin="round"
              />
              {t.divergedAt !== null && (
                <text
                  x={sx(t.x[last])}
                  y={sy(t.y[last])}
                  dy="0.35em"
                  textAnchor="middle"
                  fontSize={12}
                  fill={OPTIMIZER_COLORS[t.optimizer]}
                >
                  ✕
                </text>
              )}
            </g>
          );
        })}
      </svg>
    </div>
  );
}

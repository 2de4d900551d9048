import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { collectDefaultMetrics, Registry } from 'prom-client';
import { describe, expect, it } from 'vitest';
import { registerObjectMetrics } from './object-metrics.js';
import { prometheusSink } from './prometheus-sink.js';

const DASHBOARD = resolve(
  dirname(fileURLToPath(import.meta.url)),
  '../../../../deploy/grafana/tideline-dashboard.json',
);

/** Every metric name a PromQL expression reads (identifiers followed by `{`, `[` or `)`). */
function metricNames(expr: string): string[] {
  return [...expr.matchAll(/\b([a-z_:][a-z0-9_:]*)\s*[{[]/g)]
    .map((m) => m[1] ?? '')
    .filter((n) => n !== 'by');
}

describe('the Grafana dashboard', () => {
  it('reads only series the server exports', async () => {
    const registry = new Registry();
    collectDefaultMetrics({ register: registry });
    registerObjectMetrics(registry, () => []);
    const sink = prometheusSink(registry);
    sink.queue('kustomization');
    sink.workers('kustomization', 4);
    sink.reconciled({
      controller: 'kustomization',
      kind: 'Kustomization',
      namespace: 'default',
      name: 'apps',
      durationMs: 1,
      outcome: 'success',
    });
    const exported = new Set(
      (await registry.getMetricsAsJSON()).flatMap((m) =>
        String(m.type) === 'histogram' ? [`${m.name}_bucket`, `${m.name}_sum`, `${m.name}_count`] : [m.name],
      ),
    );
    const dashboard = JSON.parse(readFileSync(DASHBOARD, 'utf8')) as {
      panels: { targets: { expr: string }[] }[];
    };
    const used = new Set(dashboard.panels.flatMap((p) => p.targets.flatMap((t) => metricNames(t.expr))));
    expect(used.size).toBeGreaterThan(10);
    for (const name of used) expect(exported, name).toContain(name);
  });
});

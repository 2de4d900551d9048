import type { Engine, MetricsSink } from '@tideline/core';
import { collectDefaultMetrics, Registry } from 'prom-client';
import type { FluxResource } from '../cache/to-dto.js';
import { parseListenAddress } from '../http/listen-address.js';
import { startOpsServer } from '../http/ops-server.js';
import { readinessChecks, type ReadinessCheck } from '../http/readiness.js';
import { registerObjectMetrics } from '../metrics/object-metrics.js';
import { prometheusSink } from '../metrics/prometheus-sink.js';

/** What the process tells operators: metrics, and the state `/readyz` reports. */
export interface Operations {
  /** The engine's metrics sink. */
  metrics: MetricsSink;
  /** `/readyz`'s checks now. */
  readiness(): ReadinessCheck[];
  /** The operations listener's URL, when `--metrics-addr` is set. */
  url?: string;
  /** The engine to report on (not in observe mode). */
  setEngine(engine: Engine): void;
  /** The watch cache has synced: per-object gauges read it from now on. */
  setCache(objects: () => FluxResource[]): void;
  /** Shutting down: `/readyz` fails from now on, so the Service stops sending traffic. */
  markStopping(): void;
  stop(): Promise<void>;
}

/**
 * A metrics registry (the engine's series, per-object gauges, Node process metrics) and, with
 * `--metrics-addr`, its listener: started first, so `/healthz` answers and `/readyz` says why
 * not while the caches fill.
 */
export async function startOperations(metricsAddr: string | undefined): Promise<Operations> {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  let engine: Engine | undefined;
  let synced = false;
  let stopping = false;
  const readiness = (): ReadinessCheck[] =>
    readinessChecks({ cacheSynced: synced, engine: engine?.state(), stopping });
  const server = metricsAddr
    ? await startOpsServer(parseListenAddress(metricsAddr), registry, readiness)
    : undefined;
  return {
    metrics: prometheusSink(registry),
    readiness,
    url: server?.url,
    setEngine: (e) => void (engine = e),
    setCache: (objects) => {
      registerObjectMetrics(registry, objects);
      synced = true;
    },
    markStopping: () => void (stopping = true),
    stop: async () => {
      await server?.stop();
      registry.clear();
    },
  };
}

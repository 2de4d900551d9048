/** A Helm chart repository for the sandbox: a static HTTP server plus a helm-based publisher. */
export {
  startChartRepository,
  type ChartRepository,
  type ChartRepositoryOptions,
} from './chart-repository.js';
export { publishCharts, ChartPublishError, type PublishChartsOptions } from './publish-charts.js';
export { publishDemoCharts, CHART_FIXTURES_DIR, DEMO_CHARTS } from './demo-charts.js';

import type { HelmChart } from '../../api/helmchart-v1.js';
import { ConditionType, Reason } from '../../api/meta.js';
import { deleteCondition, markTrue } from '../../runtime/conditions.js';
import { errorMessage, StallingError } from '../../runtime/errors.js';
import { BuildErrorReason, ChartBuildError } from './build-error.js';
import { HelmChartMessages } from './messages.js';
import { InvalidOciRegistryUrlError } from './oci-chart-repository.js';
import { BUILD_FAILED } from './ready-summary.js';
import { ChartCredentialsError } from './remote-download.js';

/** A failure outside the chart build (source lookup, storage), with the reason to report. */
export class ChartSourceError extends Error {
  constructor(
    message: string,
    readonly reason: string,
  ) {
    super(message);
  }
}

/**
 * Maps an error to Flux's conditions: build errors land on BuildFailed or FetchFailed by kind
 * (authentication-looking pull errors become AuthenticationFailed), persistent ones stall.
 */
export function classifyFailure(
  obj: HelmChart,
  error: unknown,
): { reason: string; message: string; stalls: boolean } {
  if (error instanceof StallingError) return { reason: error.reason, message: error.message, stalls: true };
  if (error instanceof ChartSourceError)
    return { reason: error.reason, message: error.message, stalls: false };
  if (error instanceof InvalidOciRegistryUrlError) {
    markTrue(obj, ConditionType.FetchFailed, Reason.Failed, error.message);
    return { reason: Reason.Failed, message: error.message, stalls: true };
  }
  if (error instanceof ChartCredentialsError) {
    markTrue(obj, ConditionType.FetchFailed, Reason.AuthenticationFailed, error.message);
    return { reason: Reason.AuthenticationFailed, message: error.message, stalls: false };
  }
  const build =
    error instanceof ChartBuildError
      ? error
      : new ChartBuildError(BuildErrorReason.Unknown, errorMessage(error));
  if (isAuthError(build.message) && obj.spec.sourceRef.kind === 'HelmRepository') {
    const message = HelmChartMessages.authFailed(build.message);
    deleteCondition(obj, BUILD_FAILED);
    markTrue(obj, ConditionType.FetchFailed, Reason.AuthenticationFailed, message);
    return { reason: Reason.AuthenticationFailed, message, stalls: false };
  }
  if (build.isBuildFailure) {
    deleteCondition(obj, ConditionType.FetchFailed);
    markTrue(obj, BUILD_FAILED, build.kind.reason, build.message);
  } else {
    deleteCondition(obj, BUILD_FAILED);
    markTrue(obj, ConditionType.FetchFailed, build.kind.reason, build.message);
  }
  return { reason: build.kind.reason, message: build.message, stalls: build.persistent };
}

/** Flux's heuristic for a chart pull that failed on credentials or TLS. Pure. */
export function isAuthError(message: string): boolean {
  return ['401', 'unauthorized', 'authentication required', 'tls', 'unknown certificate authority'].some(
    (s) => message.includes(s),
  );
}

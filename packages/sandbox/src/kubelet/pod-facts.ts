import type { V1Pod } from '@kubernetes/client-node';

/** Whether the Pod belongs to a Job (its containers are expected to finish). Pure. */
export function isJobPod(pod: V1Pod): boolean {
  return (pod.metadata?.ownerReferences ?? []).some(
    (ref) => ref.kind === 'Job' && ref.apiVersion.startsWith('batch/'),
  );
}

/**
 * The sandbox convention for a Pod's exit: the annotation `sandbox.tideline.dev/exit-code` on a
 * Pod that runs to completion sets the exit code its containers end with (default 0). A test
 * puts it on a Helm test Pod or a Job's Pod template to make it fail for real.
 */
export const EXIT_CODE_ANNOTATION = 'sandbox.tideline.dev/exit-code';

/** Whether the Pod's containers are expected to exit: a Job's Pod, or `restartPolicy` Never/OnFailure. Pure. */
export function runsToCompletion(pod: V1Pod): boolean {
  const policy = pod.spec?.restartPolicy;
  return isJobPod(pod) || policy === 'Never' || policy === 'OnFailure';
}

/** The exit code the sandbox convention asks for (0 when absent or not an integer). Pure. */
export function requestedExitCode(pod: V1Pod): number {
  const value = Number(pod.metadata?.annotations?.[EXIT_CODE_ANNOTATION] ?? '0');
  return Number.isInteger(value) && value >= 0 && value <= 255 ? value : 0;
}

/** Every image the Pod's init and app containers use, in spec order, without repeats. Pure. */
export function podImages(pod: V1Pod): string[] {
  const containers = [...(pod.spec?.initContainers ?? []), ...(pod.spec?.containers ?? [])];
  return [...new Set(containers.map((c) => c.image ?? ''))];
}

/** A key that changes whenever the Pod's images change (to tell a retry from a new spec). Pure. */
export function imagesSignature(pod: V1Pod): string {
  return podImages(pod).join('\n');
}

/**
 * Whether every app container is reported running and ready with the image its spec asks for,
 * i.e. a started Pod needs nothing more. Pure.
 */
export function containersMatchSpec(pod: V1Pod): boolean {
  const statuses = pod.status?.containerStatuses ?? [];
  return (pod.spec?.containers ?? []).every((container) => {
    const status = statuses.find((s) => s.name === container.name);
    return (
      status !== undefined &&
      status.image === container.image &&
      status.ready &&
      status.state?.running !== undefined
    );
  });
}

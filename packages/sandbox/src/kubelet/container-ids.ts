import { createHash } from 'node:crypto';

function sha256Hex(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/**
 * The `imageID` a Docker-based kubelet reports: `docker-pullable://<image>@sha256:<hex>`. Uses
 * the registry's digest when the image check resolved one, the image's own digest when it pins
 * one, and otherwise a stable fake derived from the image name. Pure.
 */
export function fakeImageId(image: string, resolvedDigest?: string): string {
  const at = image.indexOf('@');
  if (at !== -1) return `docker-pullable://${image}`;
  const digest = resolvedDigest ?? `sha256:${sha256Hex(image)}`;
  return `docker-pullable://${image}@${digest}`;
}

/** A stable fake `containerID` (`docker://<64 hex>`) for one container of one pod. Pure. */
export function fakeContainerId(podUid: string, containerName: string, restartCount = 0): string {
  return `docker://${sha256Hex(`${podUid}/${containerName}/${restartCount}`)}`;
}

import { pushImageManifest } from '@tideline/sandbox';
import { DEMO_IMAGE_REPOSITORY, DEMO_IMAGE_TAGS } from './demo-files.js';

/**
 * Pushes the demo's tags of `my-app` to the sandbox registry: `v1.0.0`, which the Deployment
 * runs, and `2.0.0`, which the `1.x` policy must not pick. Pushing again is harmless (the same
 * tag gets the same image); tags pushed since, such as `v1.0.1`, stay.
 */
export async function pushDemoImages(registryHost: string): Promise<void> {
  for (const tag of DEMO_IMAGE_TAGS) {
    await pushImageManifest({ host: registryHost, repository: DEMO_IMAGE_REPOSITORY, tag });
  }
}

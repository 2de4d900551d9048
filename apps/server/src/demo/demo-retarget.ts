import {
  DEPLOYMENT_PATH,
  demoImage,
  deployment,
  GOTK_SYNC_PATH,
  gotkSync,
  IMAGE_AUTOMATION_PATH,
  imageAutomation,
} from './demo-files.js';

/** The Deployment as the demo seeded it before it had image automation. */
const PRE_AUTOMATION_IMAGE = '          image: ghcr.io/myorg/my-app:v1.0.0\n';

/** One commit that brings an existing demo repository up to date. */
export interface DemoRetarget {
  files: Record<string, string>;
  message: string;
}

/**
 * What an existing demo repository needs so the cluster can still use it, or undefined: the
 * sync URL follows the sandbox Git server, the image follows the sandbox registry (in the
 * ImageRepository and in the Deployment, keeping whatever tag the automation wrote), and a
 * repository seeded before the demo had image automation gains it. Anything the user changed
 * otherwise stays. Pure.
 */
export function retargetDemo(
  read: (path: string) => string | undefined,
  cloneUrl: string,
  registryHost: string,
): DemoRetarget | undefined {
  const files: Record<string, string> = {};
  const why: string[] = [];
  const sync = read(GOTK_SYNC_PATH);
  if (sync !== undefined && !sync.includes(`url: ${cloneUrl}\n`)) {
    files[GOTK_SYNC_PATH] = gotkSync(cloneUrl);
    why.push('Point flux-system at the sandbox Git server');
  }
  const automation = read(IMAGE_AUTOMATION_PATH);
  const app = read(DEPLOYMENT_PATH);
  if (automation === undefined) {
    if (app?.includes(PRE_AUTOMATION_IMAGE)) {
      files[IMAGE_AUTOMATION_PATH] = imageAutomation(registryHost);
      files[DEPLOYMENT_PATH] = deployment(registryHost);
      why.push("Add the guide's image automation for my-app on the sandbox registry");
    }
    return result(files, why);
  }
  const previous = previousImage(automation);
  if (previous !== undefined && previous !== demoImage(registryHost)) {
    files[IMAGE_AUTOMATION_PATH] = automation.split(previous).join(demoImage(registryHost));
    if (app !== undefined)
      files[DEPLOYMENT_PATH] = app.split(`${previous}:`).join(`${demoImage(registryHost)}:`);
    why.push('Point my-app at the sandbox registry');
  }
  return result(files, why);
}

/** The `spec.image` (`<host>/my-app`) of the demo's ImageRepository, if the file still has it. */
function previousImage(automation: string): string | undefined {
  const match = /^ {2}image: (\S+\/my-app)$/m.exec(automation);
  return match?.[1];
}

function result(files: Record<string, string>, why: string[]): DemoRetarget | undefined {
  return why.length > 0 ? { files, message: why.join('; ') } : undefined;
}

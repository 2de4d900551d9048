export {
  startControlPlane,
  type ControlPlane,
  type ControlPlaneComponent,
  type ControlPlaneOptions,
} from './start.js';
export {
  ensureKubernetesBinaries,
  defaultKubernetesCacheDir,
  kubernetesBinaries,
  ControlPlaneBuildError,
  KUBERNETES_VERSION,
  type KubernetesBinaries,
} from './binaries.js';
export { renderKubeconfig } from './kubeconfig.js';

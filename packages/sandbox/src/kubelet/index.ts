export { startKubelet, type Kubelet } from './kubelet.js';
export { KubeletOptionsError, type KubeletOptions, type ImageCheckOptions } from './options.js';

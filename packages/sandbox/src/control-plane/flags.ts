/** Ports the control plane listens on (all on 127.0.0.1). */
export interface ControlPlanePorts {
  etcdClient: number;
  etcdPeer: number;
  apiserver: number;
}

/** File locations the control-plane flags refer to. */
export interface ControlPlaneFiles {
  etcdDataDir: string;
  certDir: string;
  tokensCsv: string;
  serviceAccountKey: string;
  serviceAccountPub: string;
  kubeconfig: string;
  caFile: string;
}

/** etcd argv: single member, loopback only. Pure. */
export function etcdArgs(ports: ControlPlanePorts, files: ControlPlaneFiles): string[] {
  const client = `http://127.0.0.1:${ports.etcdClient}`;
  const peer = `http://127.0.0.1:${ports.etcdPeer}`;
  return [
    '--name=tideline',
    `--data-dir=${files.etcdDataDir}`,
    `--listen-client-urls=${client}`,
    `--advertise-client-urls=${client}`,
    `--listen-peer-urls=${peer}`,
    `--initial-advertise-peer-urls=${peer}`,
    `--initial-cluster=tideline=${peer}`,
    '--listen-metrics-urls=',
    '--quota-backend-bytes=4294967296',
  ];
}

/**
 * kube-apiserver argv. Admission webhooks are disabled because no Pod really runs in the
 * sandbox, so no webhook could ever answer; the insecure port is off.
 */
export function apiserverArgs(ports: ControlPlanePorts, files: ControlPlaneFiles): string[] {
  return [
    `--etcd-servers=http://127.0.0.1:${ports.etcdClient}`,
    '--bind-address=127.0.0.1',
    '--advertise-address=127.0.0.1',
    `--secure-port=${ports.apiserver}`,
    '--insecure-port=0',
    `--cert-dir=${files.certDir}`,
    `--token-auth-file=${files.tokensCsv}`,
    '--authorization-mode=Node,RBAC',
    '--service-account-issuer=https://kubernetes.default.svc',
    `--service-account-key-file=${files.serviceAccountPub}`,
    `--service-account-signing-key-file=${files.serviceAccountKey}`,
    '--service-cluster-ip-range=10.96.0.0/16',
    '--allow-privileged=true',
    '--disable-admission-plugins=ValidatingAdmissionWebhook,MutatingAdmissionWebhook',
    '--enable-priority-and-fairness=false',
    '--profiling=false',
    '--v=1',
  ];
}

/** kube-controller-manager argv (all controllers, no leader election). */
export function controllerManagerArgs(files: ControlPlaneFiles): string[] {
  return [
    `--kubeconfig=${files.kubeconfig}`,
    `--authentication-kubeconfig=${files.kubeconfig}`,
    `--authorization-kubeconfig=${files.kubeconfig}`,
    '--bind-address=127.0.0.1',
    // Nothing reads their health or metrics ports; not listening leaves no port to race for
    // (a free port picked for one was taken by a parallel sandbox before it bound).
    '--secure-port=0',
    '--port=0',
    '--leader-elect=false',
    `--service-account-private-key-file=${files.serviceAccountKey}`,
    `--root-ca-file=${files.caFile}`,
    '--controllers=*',
    '--profiling=false',
    '--v=1',
  ];
}

/** kube-scheduler argv. */
export function schedulerArgs(files: ControlPlaneFiles): string[] {
  return [
    `--kubeconfig=${files.kubeconfig}`,
    `--authentication-kubeconfig=${files.kubeconfig}`,
    `--authorization-kubeconfig=${files.kubeconfig}`,
    '--bind-address=127.0.0.1',
    '--secure-port=0',
    '--port=0',
    '--leader-elect=false',
    '--profiling=false',
    '--v=1',
  ];
}

import { execFileSync } from 'node:child_process';
import { cpus, totalmem, release } from 'node:os';

/** What the numbers were measured on. */
export interface MachineInfo {
  cpus: number;
  cpuModel: string;
  memoryGiB: number;
  kernel: string;
  node: string;
  kubernetes: string;
  kubectl: string;
}

/** Describes this machine and the versions in play. */
export function describeMachine(kubectlBin: string): MachineInfo {
  const kubectl = execFileSync(kubectlBin, ['version', '--client', '-o', 'json'], { encoding: 'utf8' });
  return {
    cpus: cpus().length,
    cpuModel: cpus()[0]?.model ?? 'unknown',
    memoryGiB: Math.round(totalmem() / 2 ** 30),
    kernel: release(),
    node: process.version,
    kubernetes: 'v1.20.2 (sandbox)',
    kubectl:
      (JSON.parse(kubectl) as { clientVersion?: { gitVersion?: string } }).clientVersion?.gitVersion ??
      'unknown',
  };
}

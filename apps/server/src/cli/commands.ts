import { ACTION_COMMANDS } from './action-command.js';
import { bootstrapGitCommand } from './bootstrap-command.js';
import { checkCommand } from './check-command.js';
import { completionCommand } from './completion-command.js';
import { diffKustomizationCommand } from './diff-command.js';
import { diffHelmReleaseCommand } from './diff-helmrelease-command.js';
import { traceCommand } from './trace-command.js';
import { treeKustomizationCommand } from './tree-command.js';
import type { CliCommand } from './command.js';
import { createAlertCommand, createAlertProviderCommand } from './create-alert.js';
import { createHelmReleaseCommand } from './create-helmrelease.js';
import {
  createImagePolicyCommand,
  createImageRepositoryCommand,
  createImageUpdateCommand,
} from './create-image-commands.js';
import { createKustomizationCommand } from './create-kustomization.js';
import { createReceiverCommand } from './create-receiver-command.js';
import { createSourceGitCommand } from './create-source-git.js';
import { createSourceHelmCommand, createSourceOciCommand } from './create-source-helm-oci.js';
import { deleteCommand } from './delete-command.js';
import { eventsCommand } from './events-command.js';
import { exportCommand } from './export-command.js';
import { getCommand } from './get-command.js';
import { sandboxCommand } from './sandbox-command.js';
import { startCommand } from './start-command.js';

/** Every command of `tideline`, in the order `tideline --help` lists them. */
export const COMMANDS: readonly CliCommand[] = [
  startCommand,
  sandboxCommand,
  checkCommand,
  getCommand,
  eventsCommand,
  treeKustomizationCommand,
  traceCommand,
  diffKustomizationCommand,
  diffHelmReleaseCommand,
  ...ACTION_COMMANDS,
  createSourceGitCommand,
  createSourceHelmCommand,
  createSourceOciCommand,
  createKustomizationCommand,
  createHelmReleaseCommand,
  createImageRepositoryCommand,
  createImagePolicyCommand,
  createImageUpdateCommand,
  createAlertCommand,
  createAlertProviderCommand,
  createReceiverCommand,
  exportCommand,
  deleteCommand,
  bootstrapGitCommand,
  completionCommand,
];

/** Other spellings of command words, as the flux CLI's cobra aliases (`create source` → `create src`). */
export const COMMAND_ALIASES: ReadonlyMap<string, readonly string[]> = new Map([
  ['create src', ['create', 'source']],
  ['tree ks', ['tree', 'kustomization']],
  ['diff ks', ['diff', 'kustomization']],
  ['diff hr', ['diff', 'helmrelease']],
  ['create ks', ['create', 'kustomization']],
  ['create hr', ['create', 'helmrelease']],
]);

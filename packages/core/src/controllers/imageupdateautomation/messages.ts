/** image-automation-controller's messages (imageupdateautomation_controller.go, internal/source). */
export const AutomationMessages = {
  inProgress: 'reconciliation in progress',
  newGeneration: (from: number | undefined, to: number | undefined): string =>
    `processing object: new generation ${from ?? 0} -> ${to ?? 0}`,
  ready: 'repository up-to-date',
  noChange: 'no change since last reconciliation',
  selector: (detail: string): string => `failed to parse policy selector: ${detail}`,
  sourceManager: (detail: string): string => `failed configuring source manager: ${detail}`,
  checkout: (detail: string): string => `failed to checkout source: ${detail}`,
  applyPolicies: (detail: string): string => `failed to apply policies: ${detail}`,
  updateSource: (detail: string): string => `failed to update source: ${detail}`,
  unsupportedKind: (kind: string): string =>
    `source kind '${kind}' not supported: invalid source configuration`,
  gitSpecRequired: "source kind 'GitRepository' necessitates field .spec.git: invalid source configuration",
  crossNamespace: (namespace: string, name: string): string =>
    `can't access 'GitRepository/${namespace}/${name}', cross-namespace references have been blocked`,
  repositoryMissing: (name: string): string =>
    `referenced git repository does not exist: gitrepositories.source.toolkit.fluxcd.io "${name}" not found`,
  authSecret: (namespace: string, name: string): string =>
    `failed to get auth secret '${namespace}/${name}': secrets "${name}" not found`,
  noPushBranch:
    'push spec not provided, and cannot be inferred from .spec.git.checkout.ref or GitRepository .spec.ref',
  signingSecretMissing: (name: string): string =>
    `could not find signing key secret '${name}': secrets "${name}" not found`,
  signingKeyMissing: (name: string, key: 'git.asc' | 'identity'): string =>
    `signing key secret '${name}' does not contain ${key === 'git.asc' ? 'a' : 'an'} '${key}' key`,
  templateParse: (detail: string): string => `unable to create commit message template from spec: ${detail}`,
  templateRun: (detail: string): string => `failed to run template from spec: ${detail}`,
  removedField: (field: '.Updated' | '.Changed.ImageResult'): string =>
    field === '.Updated'
      ? "template uses removed '.Updated' field. Please use '.Changed' instead. See: https://fluxcd.io/flux/components/image/imageupdateautomations/#message-template"
      : "template uses removed '.Changed.ImageResult' field. Please use '.Changed.FileChanges' or '.Changed.Objects' instead. See: https://fluxcd.io/flux/components/image/imageupdateautomations/#message-template",
  /** The push event: `pushed commit '<7 hex>' to branch '<b>'[ and refspecs '<r>']\n<message>`. */
  pushed: (commit: string, branch: string, refspecs: readonly string[], message: string): string => {
    let summary = `pushed commit '${commit.slice(0, 7)}' to branch '${branch}'`;
    if (refspecs.length > 0) summary += ` and refspecs '${refspecs.join("', '")}'`;
    return message ? `${summary}\n${message}` : summary;
  },
} as const;

/** Flux's default commit message. */
export const DEFAULT_MESSAGE_TEMPLATE = 'Update from image update automation';

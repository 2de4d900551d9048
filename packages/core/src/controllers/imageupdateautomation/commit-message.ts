import type { UpdateResult } from '../../images/setters/update-result.js';
import { compileTemplate, TemplateExecError, TemplateParseError } from '../../template/template.js';
import { AutomationMessages as M, DEFAULT_MESSAGE_TEMPLATE } from './messages.js';
import { templateData } from './template-data.js';

/** The template cannot make a message: the reason Flux gives and its words. */
export class CommitMessageError extends Error {
  override readonly name = 'CommitMessageError';

  constructor(
    message: string,
    /** `RemovedTemplateField` stalls; anything else fails the push (`GitOperationFailed`). */
    readonly removedField: boolean,
  ) {
    super(message);
  }
}

const REMOVED: readonly [field: '.Updated' | '.Changed.ImageResult', pattern: string][] = [
  ['.Updated', "can't evaluate field Updated in type source.TemplateData"],
  ['.Changed.ImageResult', "can't evaluate field ImageResult in type update.Result"],
];

/**
 * Flux's `templateMsg`: the spec's template (default `Update from image update automation`),
 * Go text/template with Sprig's hermetic functions, over `TemplateData`. A template still
 * using the v1beta2-era `.Updated` or `.Changed.ImageResult` gets Flux's removed-field error. Pure.
 */
export function commitMessage(
  template: string | undefined,
  automation: { namespace: string; name: string },
  result: UpdateResult,
  values: Readonly<Record<string, string>> | undefined,
): string {
  let compiled;
  try {
    compiled = compileTemplate('commit message', template || DEFAULT_MESSAGE_TEMPLATE);
  } catch (error) {
    if (error instanceof TemplateParseError)
      throw new CommitMessageError(M.templateParse(error.message), false);
    throw error;
  }
  try {
    return compiled.execute(templateData(automation, result, values));
  } catch (error) {
    if (!(error instanceof TemplateExecError)) throw error;
    const removed = REMOVED.find(([, pattern]) => error.message.includes(pattern));
    if (removed) throw new CommitMessageError(M.removedField(removed[0]), true);
    throw new CommitMessageError(M.templateRun(error.message), false);
  }
}

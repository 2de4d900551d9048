import { readMarkedFiles, writeMarkedFile, type MarkedFileLimits } from '../../sources/marked-files.js';
import { MARKER_TOKEN } from './marker.js';
import { setterValues, type PolicyRef } from './setter-values.js';
import { updateDocumentText } from './update-document.js';
import { addChange, emptyResult, type UpdateResult } from './update-result.js';

/**
 * image-automation-controller's `UpdateWithSetters` over a directory: read the marked files,
 * apply the policies' setters, write back only the files that changed, and return the changes
 * (and the files that could not be read as YAML).
 */
export async function applySetters(
  root: string,
  policies: readonly PolicyRef[],
  limits?: MarkedFileLimits,
): Promise<UpdateResult> {
  const setters = setterValues(policies);
  const result = emptyResult();
  const { files, problems } = await readMarkedFiles(root, MARKER_TOKEN, limits);
  result.problemFiles.push(...problems);
  for (const file of files) {
    const update = updateDocumentText(file.text, setters);
    if (!update.ok) {
      result.problemFiles.push(file.path);
      continue;
    }
    if (update.changes.length === 0) continue;
    for (const { object, change } of update.changes) addChange(result, file.path, object, change);
    await writeMarkedFile(root, file.path, update.text);
  }
  return result;
}

import { execFile } from 'node:child_process';

/** Credentials htpasswd cannot store: an empty username, `:` in it, or a line break in either. */
export class InvalidRegistryUserError extends Error {
  override readonly name = 'InvalidRegistryUserError';
}

/**
 * One bcrypt htpasswd line (`user:$2y$…`) made by Apache's `htpasswd -B`, the only hash
 * distribution accepts. The password goes through stdin (`-i`), never onto a command line.
 */
export function htpasswdLine(username: string, password: string, htpasswdBin = 'htpasswd'): Promise<string> {
  if (username === '' || /[:\r\n]/.test(username) || /[\r\n]/.test(password)) {
    return Promise.reject(
      new InvalidRegistryUserError(`invalid registry credentials for ${JSON.stringify(username)}`),
    );
  }
  return new Promise((resolve, reject) => {
    const child = execFile(htpasswdBin, ['-B', '-i', '-n', username], (error, stdout, stderr) => {
      if (error) {
        reject(new Error(`htpasswd failed: ${stderr.trim() || error.message}`, { cause: error }));
        return;
      }
      const line = stdout.trim();
      if (!line.startsWith(`${username}:$2`)) {
        reject(new Error(`htpasswd printed an unexpected line for ${JSON.stringify(username)}`));
        return;
      }
      resolve(line);
    });
    child.stdin?.end(password);
  });
}

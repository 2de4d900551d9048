/** The git CLI as a source: remote refs, shallow checkouts, credentials kept out of argv. */
export {
  GitError,
  gitFailureText,
  gitSecrets,
  runGit,
  cloneError,
  type GitErrorKind,
  type GitOptions,
} from './git-runner.js';
export { isEmptyRemote, lsRemote, remoteBranchHead } from './git-remote.js';
export {
  checkoutCommits,
  checkoutIn,
  cloneBranch,
  commitTimes,
  fetchInto,
  hasCommit,
  readCommit,
  type Checkout,
  type CheckoutPlan,
} from './git-checkout.js';

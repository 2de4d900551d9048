/**
 * The one door from core's tests to the sandbox's real peers (ESLint keeps every other core file
 * from importing `@tideline/sandbox`).
 */
export * from '@tideline/sandbox';

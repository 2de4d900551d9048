/** Throwaway TLS material for sandbox servers and the tests that talk to them. */
export {
  generateTestPki,
  issueTestServerCertificate,
  type TestPki,
  type CertificateAndKey,
} from './test-pki.js';

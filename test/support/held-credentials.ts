// Jest setup (jest.config.js setupFilesAfterEnv): the triggers hold a credential with a signature
// secret for 10 seconds (nodes/shared/webhooks/webhookCredentials.ts). Every harness saves its
// credential under the same id, so each test starts with nothing held, as a fresh process would, and
// no drop timer outlives the test file.
import { dropHeldCredentials } from '../../nodes/shared/webhooks/webhookCredentials';

afterEach(() => dropHeldCredentials());

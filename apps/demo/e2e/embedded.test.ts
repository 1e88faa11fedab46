import { defineDemoSuite } from './demoSuite';
import { defineCredentialSteps } from './credentialSteps';

defineDemoSuite('embedded', { screenshots: true });
defineCredentialSteps('embedded');

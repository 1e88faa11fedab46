import { defineDemoSuite } from './demoSuite';
import { defineCredentialSteps } from './credentialSteps';

// The same steps on the Mongo store: MONGODB_URI when set, else FerretDB started by the demo itself.
defineDemoSuite('mongo', { screenshots: false });
defineCredentialSteps('mongo');

import { defineDemoSuite } from './demoSuite';

defineDemoSuite('embedded', { screenshots: true });

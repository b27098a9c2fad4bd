import { defineTestConfig, integrationGlobalSetup } from '../../vitest.shared.js';

export default defineTestConfig({ test: { globalSetup: [integrationGlobalSetup] } });

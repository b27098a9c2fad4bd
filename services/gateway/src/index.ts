export { startGateway, type GatewayHandle } from './gateway.js';
export { gatewayEnvSchema, loadGatewayConfig, type GatewayConfig } from './config.js';
export { buildServer } from './server.js';

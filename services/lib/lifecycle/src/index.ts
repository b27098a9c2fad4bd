export { StopStack } from './stop-stack.js';
export { runMain, stopOnSignals } from './process.js';

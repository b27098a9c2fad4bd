import type { Logger } from '@crm/logging';

/**
 * Things started, stopped in reverse order. A failing step is logged and the rest still run, so
 * one stuck dependency never leaves the others (or a child process) behind.
 */
export class StopStack {
  private readonly steps: Array<{ name: string; stop: () => Promise<void> | void }> = [];

  constructor(private readonly logger: Logger) {}

  push(name: string, stop: () => Promise<void> | void): void {
    this.steps.push({ name, stop });
  }

  async stopAll(): Promise<void> {
    for (const step of this.steps.splice(0).reverse()) {
      try {
        await step.stop();
      } catch (error) {
        this.logger.error({ err: error, step: step.name }, 'error while stopping');
      }
    }
  }
}

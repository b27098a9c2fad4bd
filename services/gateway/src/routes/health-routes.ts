import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';

export interface DependencyCheck {
  name: string;
  check: () => Promise<boolean>;
}

const readinessSchema = z.object({
  status: z.enum(['ready', 'unready']),
  checks: z.record(z.string(), z.enum(['up', 'down'])),
});

async function runCheck(dependency: DependencyCheck): Promise<boolean> {
  try {
    return await dependency.check();
  } catch {
    return false;
  }
}

/** `/healthz`: the process answers. `/readyz`: every dependency it needs answers too. */
export const healthRoutes: FastifyPluginAsyncZod<{ dependencies: DependencyCheck[] }> = async (
  app,
  { dependencies },
) => {
  app.get('/healthz', {
    schema: { tags: ['health'], response: { 200: z.object({ status: z.literal('ok') }) } },
    handler: async () => ({ status: 'ok' as const }),
  });

  app.get('/readyz', {
    schema: { tags: ['health'], response: { 200: readinessSchema, 503: readinessSchema } },
    handler: async (_request, reply) => {
      const results = await Promise.all(
        dependencies.map(async (d) => [d.name, await runCheck(d)] as const),
      );
      const checks = Object.fromEntries(
        results.map(([name, up]) => [name, up ? ('up' as const) : ('down' as const)]),
      );
      const ready = results.every(([, up]) => up);
      return reply.code(ready ? 200 : 503).send({ status: ready ? 'ready' : 'unready', checks });
    },
  });
};

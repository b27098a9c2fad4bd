import fastifyCookie from '@fastify/cookie';
import fastifyHelmet from '@fastify/helmet';
import fastifyMultipart from '@fastify/multipart';
import fastifyStatic from '@fastify/static';
import fastifySwagger from '@fastify/swagger';
import type { FastifyPluginAsync } from 'fastify';
import {
  jsonSchemaTransform,
  jsonSchemaTransformObject,
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { DomainError } from '@crm/errors';
import type { ObjectStorage } from '@crm/object-storage';
import type { AccountsServiceClient } from '@crm/proto/crm/accounts/v1/accounts';
import type { AttachmentsServiceClient } from '@crm/proto/crm/accounts/v1/attachments';
import type { ContactsServiceClient } from '@crm/proto/crm/accounts/v1/contacts';
import type { ImportsServiceClient } from '@crm/proto/crm/accounts/v1/imports';
import type { TimelineServiceClient } from '@crm/proto/crm/accounts/v1/timeline';
import type { IdentityServiceClient } from '@crm/proto/crm/identity/v1/identity';
import { createHttpServerMetrics, fastifyTelemetryPlugin } from '@crm/telemetry';
import type { Registry } from 'prom-client';
import { registerProblemHandler, sendProblem } from './http/problem-handler.js';
import { registerAuthentication } from './http/authentication.js';
import { accountsRoutes } from './routes/accounts-routes.js';
import { apiTokenRoutes } from './routes/api-token-routes.js';
import { attachmentsRoutes } from './routes/attachments-routes.js';
import { contactsRoutes } from './routes/contacts-routes.js';
import { importsRoutes } from './routes/imports-routes.js';
import { timelineRoutes } from './routes/timeline-routes.js';
import { auditRoutes } from './routes/audit-routes.js';
import { authRoutes } from './routes/auth-routes.js';
import { usersRoutes } from './routes/users-routes.js';
import { userDirectoryRoutes } from './routes/user-directory-routes.js';
import { healthRoutes, type DependencyCheck } from './routes/health-routes.js';

export interface GatewayAppOptions {
  clients: {
    accounts: AccountsServiceClient;
    contacts: ContactsServiceClient;
    timeline: TimelineServiceClient;
    attachments: AttachmentsServiceClient;
    imports: ImportsServiceClient;
    identity: IdentityServiceClient;
  };
  /** Where attachments and uploaded import files are kept. */
  storage: ObjectStorage;
  /** Largest uploads accepted, in bytes. */
  uploadLimits: { attachmentBytes: number; importBytes: number };
  readiness: DependencyCheck[];
  /** Built web UI to serve at `/`; API-only when absent. */
  webDistDir?: string | undefined;
  version: string;
  secureCookies: boolean | 'auto';
  /** Registry to record request metrics in; none are recorded without one. */
  metrics?: Registry | undefined;
}

/** The whole gateway as one plugin, so tests and the server build it the same way. */
export const gatewayApp: FastifyPluginAsync<GatewayAppOptions> = async (app, options) => {
  // Before any route: the plugin instruments routes as they are added.
  await app.register(fastifyTelemetryPlugin({ ignorePaths: (route) => route.url === '/healthz' }));
  if (options.metrics) {
    const httpMetrics = createHttpServerMetrics(options.metrics);
    app.addHook('onResponse', async (request, reply) => {
      httpMetrics.record(
        request.method,
        request.routeOptions.url ?? 'unmatched',
        reply.statusCode,
        reply.elapsedTime / 1000,
      );
    });
  }
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  registerProblemHandler(app);

  await app.register(fastifyHelmet, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        // Mantine injects style attributes at runtime.
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        upgradeInsecureRequests: null,
      },
    },
  });

  await app.register(fastifySwagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'CRM API',
        version: options.version,
        description: 'REST API of the CRM: the web UI, scripts and integrations use it.',
      },
      servers: [{ url: '/' }],
    },
    transform: jsonSchemaTransform,
    transformObject: jsonSchemaTransformObject,
  });

  await app.register(fastifyCookie);
  registerAuthentication(app, options.clients.identity);

  const typed = app.withTypeProvider<ZodTypeProvider>();
  await typed.register(healthRoutes, { dependencies: options.readiness });
  await typed.register(
    async (api) => {
      api.get(
        '/openapi.json',
        { schema: { hide: true }, config: { access: 'signed-in' } },
        async () => app.swagger(),
      );
      const { identity, accounts, contacts, timeline, attachments, imports } = options.clients;
      await api.register(authRoutes, { identity, secureCookies: options.secureCookies });
      await api.register(usersRoutes, { identity });
      await api.register(userDirectoryRoutes, { identity });
      await api.register(apiTokenRoutes, { identity });
      await api.register(auditRoutes, { identity });
      await api.register(accountsRoutes, { accounts });
      await api.register(contactsRoutes, { contacts });
      await api.register(timelineRoutes, { timeline });
      // Only the upload routes take multipart/form-data; everywhere else it stays a 415.
      await api.register(async (uploads) => {
        // Upload routes stream files and enforce their own size limits (413), see multipart-form.ts.
        await uploads.register(fastifyMultipart, { throwFileSizeLimit: false });
        const { storage, uploadLimits } = options;
        await uploads.register(attachmentsRoutes, {
          attachments,
          storage,
          maxBytes: uploadLimits.attachmentBytes,
        });
        await uploads.register(importsRoutes, {
          imports,
          storage,
          maxBytes: uploadLimits.importBytes,
        });
      });
    },
    { prefix: '/api/v1' },
  );

  const webDistDir = options.webDistDir;
  const indexHtml = webDistDir ? join(webDistDir, 'index.html') : undefined;
  if (webDistDir && indexHtml && existsSync(indexHtml)) {
    await app.register(fastifyStatic, {
      root: webDistDir,
      wildcard: true,
      index: 'index.html',
      setHeaders(response, path) {
        // Vite fingerprints assets, so they never change under the same name; the page itself may.
        response.header(
          'cache-control',
          path.startsWith(join(webDistDir, 'assets'))
            ? 'public, max-age=31536000, immutable'
            : 'no-cache',
        );
      },
    });
  } else if (webDistDir) {
    app.log.warn({ webDistDir }, 'web UI not built; serving the API only');
  }

  app.setNotFoundHandler((request, reply) => {
    const path = request.url.split('?')[0] ?? '/';
    const isApi = path.startsWith('/api/');
    const wantsPage =
      request.method === 'GET' && (request.headers.accept ?? '').includes('text/html');
    if (!isApi && wantsPage && indexHtml && existsSync(indexHtml)) {
      // Client-side routes (/accounts/123) load the app, which then routes itself.
      return reply.header('cache-control', 'no-cache').sendFile('index.html');
    }
    return sendProblem(
      reply,
      request,
      new DomainError('not_found', `No route for ${request.method} ${path}.`),
    );
  });
};

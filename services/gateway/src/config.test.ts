import { isAbsolute } from 'node:path';
import { TEST_INTERNAL_SECRET } from '@crm/testing';
import { describe, expect, it } from 'vitest';
import { loadGatewayConfig } from './config.js';

describe('gateway configuration', () => {
  it('resolves a relative WEB_DIST_DIR, which @fastify/static requires to be absolute', () => {
    const config = loadGatewayConfig({
      ACCOUNTS_GRPC_URL: 'accounts:50051',
      IDENTITY_GRPC_URL: 'identity:50051',
      CRM_INTERNAL_SECRET: TEST_INTERNAL_SECRET,
      WEB_DIST_DIR: 'web/dist',
    });
    expect(isAbsolute(config.WEB_DIST_DIR ?? '')).toBe(true);
  });

  it('trusts proxies only by hop count or address list, never blindly', () => {
    const base = {
      ACCOUNTS_GRPC_URL: 'a:1',
      IDENTITY_GRPC_URL: 'i:1',
      CRM_INTERNAL_SECRET: TEST_INTERNAL_SECRET,
    };
    expect(loadGatewayConfig(base).TRUST_PROXY).toBe(false);
    expect(loadGatewayConfig({ ...base, TRUST_PROXY: '1' }).TRUST_PROXY).toBe(1);
    expect(
      loadGatewayConfig({ ...base, TRUST_PROXY: '10.0.0.0/8, 192.168.1.5' }).TRUST_PROXY,
    ).toEqual(['10.0.0.0/8', '192.168.1.5']);
    expect(() => loadGatewayConfig({ ...base, TRUST_PROXY: 'true' })).toThrow(/TRUST_PROXY/);
    expect(() => loadGatewayConfig({ ...base, COOKIE_SECURE: 'yes' })).toThrow(/COOKIE_SECURE/);
  });

  it('accepts dns:/// targets for client-side load balancing', () => {
    const config = loadGatewayConfig({
      ACCOUNTS_GRPC_URL: 'dns:///crm-accounts-headless.crm.svc.cluster.local:50051',
      IDENTITY_GRPC_URL: 'identity:50051',
      CRM_INTERNAL_SECRET: TEST_INTERNAL_SECRET,
    });
    expect(config.ACCOUNTS_GRPC_URL).toContain('dns:///');
  });

  it('keeps files locally under CRM_DATA_DIR unless a bucket is named, with upload limits', () => {
    const base = {
      ACCOUNTS_GRPC_URL: 'a:1',
      IDENTITY_GRPC_URL: 'i:1',
      CRM_INTERNAL_SECRET: TEST_INTERNAL_SECRET,
    };
    const config = loadGatewayConfig(base);
    expect(config).toMatchObject({
      CRM_DATA_DIR: './.crm-data',
      ATTACHMENT_MAX_BYTES: 25 * 1024 * 1024,
      IMPORT_MAX_BYTES: 50 * 1024 * 1024,
    });
    expect(config.S3_BUCKET).toBeUndefined();
    expect(
      loadGatewayConfig({ ...base, S3_BUCKET: 'crm-files', ATTACHMENT_MAX_BYTES: '1048576' }),
    ).toMatchObject({ S3_BUCKET: 'crm-files', ATTACHMENT_MAX_BYTES: 1_048_576 });
    expect(() => loadGatewayConfig({ ...base, ATTACHMENT_MAX_BYTES: '0' })).toThrow(
      /ATTACHMENT_MAX_BYTES/,
    );
    expect(() => loadGatewayConfig({ ...base, S3_BUCKET: 'Not_A_Bucket' })).toThrow(/S3_BUCKET/);
  });
});

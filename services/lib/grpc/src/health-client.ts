import { Client, credentials, type ServiceError } from '@grpc/grpc-js';

/** Minimal encoder/decoder of grpc.health.v1 HealthCheckRequest/Response (one string, one enum). */
function encodeRequest(service: string): Buffer {
  const name = Buffer.from(service, 'utf8');
  if (name.length === 0) return Buffer.alloc(0);
  if (name.length > 127) throw new Error('service name too long for the health probe');
  return Buffer.concat([Buffer.from([0x0a, name.length]), name]);
}

const servingStatuses = ['UNKNOWN', 'SERVING', 'NOT_SERVING', 'SERVICE_UNKNOWN'] as const;
export type ServingStatus = (typeof servingStatuses)[number];

function decodeResponse(bytes: Buffer): ServingStatus {
  // Field 1 (status), varint: tag 0x08 followed by a small value; absent means UNKNOWN (0).
  if (bytes.length >= 2 && bytes[0] === 0x08) return servingStatuses[bytes[1]!] ?? 'UNKNOWN';
  return 'UNKNOWN';
}

export interface HealthClient {
  /** grpc.health.v1.Health/Check for `service` ('' = the whole server). */
  check(service?: string, timeoutMs?: number): Promise<ServingStatus>;
  close(): void;
}

/** One channel reused by every probe, so a readiness endpoint polled every few seconds stays cheap. */
export function createHealthClient(address: string): HealthClient {
  const client = new Client(address, credentials.createInsecure());
  return {
    check(service = '', timeoutMs = 2_000) {
      return new Promise<ServingStatus>((resolve, reject) => {
        client.makeUnaryRequest(
          '/grpc.health.v1.Health/Check',
          encodeRequest,
          decodeResponse,
          service,
          { deadline: new Date(Date.now() + timeoutMs) },
          (error: ServiceError | null, status?: ServingStatus) => {
            if (error) reject(error);
            else resolve(status ?? 'UNKNOWN');
          },
        );
      });
    },
    close: () => client.close(),
  };
}

/** A single health check on its own channel (tests, one-off probes). */
export async function checkHealth(
  address: string,
  service = '',
  timeoutMs = 2_000,
): Promise<ServingStatus> {
  const client = createHealthClient(address);
  try {
    return await client.check(service, timeoutMs);
  } finally {
    client.close();
  }
}

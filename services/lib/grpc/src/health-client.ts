import { Client, credentials, type ServiceError } from '@grpc/grpc-js';

/** Minimal encoder/decoder of grpc.health.v1 HealthCheckRequest/Response (one string, one enum). */
function encodeRequest(service: string): Buffer {
  const name = Buffer.from(service, 'utf8');
  if (name.length === 0) return Buffer.alloc(0);
  if (name.length > 127) throw new Error('service name too long for the health probe');
  return Buffer.concat([Buffer.from([0x0a, name.length]), name]);
}

const servingStatuses = ['UNKNOWN', 'SERVING', 'NOT_SERVING', 'SERVICE_UNKNOWN'] as const;
type ServingStatus = (typeof servingStatuses)[number];

function decodeResponse(bytes: Buffer): ServingStatus {
  // Field 1 (status), varint: tag 0x08 followed by a small value; absent means UNKNOWN (0).
  if (bytes.length >= 2 && bytes[0] === 0x08) return servingStatuses[bytes[1]!] ?? 'UNKNOWN';
  return 'UNKNOWN';
}

/** Asks a server's grpc.health.v1.Health/Check; used by readiness checks and tests. */
export function checkHealth(
  address: string,
  service = '',
  timeoutMs = 2_000,
): Promise<ServingStatus> {
  const client = new Client(address, credentials.createInsecure());
  return new Promise<ServingStatus>((resolve, reject) => {
    client.makeUnaryRequest(
      '/grpc.health.v1.Health/Check',
      encodeRequest,
      decodeResponse,
      service,
      { deadline: new Date(Date.now() + timeoutMs) },
      (error: ServiceError | null, status?: ServingStatus) => {
        client.close();
        if (error) reject(error);
        else resolve(status ?? 'UNKNOWN');
      },
    );
  });
}

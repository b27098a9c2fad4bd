export type {
  BatchHandler,
  Bus,
  BusHealth,
  ConsumeOptions,
  ConsumerHandle,
  ConsumerSpec,
  DeadLetterHandler,
  Headers,
  InboundMessage,
  PublishAck,
  PublishOptions,
  ReplyMessage,
  RequestHandler,
  RequestMessage,
  RequestOptions,
  RespondOptions,
  ResponderHandle,
  StreamSpec,
} from './types.js';
export {
  BusConfigurationError,
  BusError,
  BusNoRespondersError,
  BusRequestError,
  BusTimeoutError,
  BusUnavailableError,
  MessageDecodeError,
} from './errors.js';
export {
  CONTENT_TYPE_HEADER,
  JSON_CONTENT_TYPE,
  PROTOBUF_CONTENT_TYPE,
  decodeByContentType,
  defineEvent,
  headerValue,
  jsonCodec,
  protobufCodec,
  type Codec,
  type ContentType,
  type EncodedEvent,
  type EventDefinition,
  type ProtoMessageFns,
} from './codec.js';
export { CONSUMER_DEFAULTS, retryDelayMs } from './consumer-loop.js';
export { subjectMatches, subjectsOverlap } from './subjects.js';
export { MSG_ID_HEADER, withMessageSpan } from './tracing.js';
export { connectNatsBus, type NatsBusOptions } from './nats-bus.js';
export { createInProcessBus, type InProcessBusOptions } from './in-process-bus.js';
export {
  findNatsServerBinary,
  NatsServerStartError,
  startNatsServer,
  type NatsServerHandle,
  type NatsServerOptions,
} from './nats-server.js';

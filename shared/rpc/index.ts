export * from './wire';
export * from './types';
export * from './RpcServer';
export * from './RpcClient';
export * from './transports';

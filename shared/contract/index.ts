export * from './errors';
export * from './types';
export * from './api';
export * from './schemas';
export * from './client';

export * from './types.ts';
export * from './walk.ts';

export * from './codes.ts';
export * from './diagnostic.ts';
export * from './source.ts';
export * from './format.ts';
export { escapeInvisible } from './text.ts';
export { limitDiagnostics, countDiagnostics } from './limit.ts';

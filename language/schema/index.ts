export * from './fields.ts';
export * from './household.ts';
export * from './columns.ts';

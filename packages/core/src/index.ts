export * from './events.ts';
export * from './model.ts';

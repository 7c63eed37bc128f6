export * from './enums';
export * from './types';
export * from './limits';

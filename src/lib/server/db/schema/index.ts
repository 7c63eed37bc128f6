// The one Drizzle schema, one file per capability; drizzle-kit reads this index.
export * from './core';
export * from './bookings';
export * from './map';
export * from './heroes';
export * from './enquiries';
export * from './toc';
export * from './actions';
export * from './privacy';
export * from './realtime';
export * from './models';
export * from './hydra';
export * from './rooms';
export * from './plans';

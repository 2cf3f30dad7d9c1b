export * from './dates';
export * from './money';
export * from './booking-status';
export * from './availability';
export * from './pricing';
export * from './deposit';
export * from './pricing-defaults';

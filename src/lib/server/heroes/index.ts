// Digital Search Heroes: subscribers, appeals and sightings.
export * from './subscribers';
export * from './appeals';
export * from './sightings';

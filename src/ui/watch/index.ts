export { WatchScreen, SPEEDS, type WatchScreenProps } from './WatchScreen.js';
export { WatchApp, RememberedWatch } from './WatchApp.js';

export { WatchScreen, SPEEDS, type WatchScreenProps } from './WatchScreen.js';
export { WatchApp } from './WatchApp.js';

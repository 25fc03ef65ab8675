export { ReviewScreen, type ReviewScreenProps } from './ReviewScreen.js';
export { ReviewApp } from './ReviewApp.js';

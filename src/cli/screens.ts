// The commands that draw screens with Ink and React. The shipped bundle keeps them apart
// and loads them only when one of them runs (see src/bundle-screens.mjs): the command line's other
// commands never parse Ink, React or yoga.
export { play } from './commands/play.js';
export { review } from './commands/review.js';
export { title } from './commands/title.js';
export { watch } from './commands/watch.js';

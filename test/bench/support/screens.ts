// What the screen benches render, bundled as the game ships (see bundled.ts): React, Ink
// (through ink-testing-library), the screens and the engine calls that feed them.
export { createElement } from 'react';
export { render } from 'ink-testing-library';
export { compileLevel } from '../../../src/engine/level/compile.js';
export { oracleRun } from '../../../src/engine/scoring/oracle.js';
export { playCommands } from '../../../src/engine/run/headless.js';
export { runCollector } from '../../../src/engine/runtime/index.js';
export { reviewCommands, reviewCollector } from '../../../src/engine/review/index.js';
export { ReviewScreen } from '../../../src/ui/review/index.js';
export { PlayScreen } from '../../../src/ui/play/PlayScreen.js';
export { ThemeProvider } from '../../../src/ui/theme.js';

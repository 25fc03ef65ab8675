// The screens' part of the shipped bundle (used by src/build.mjs).
//
// dist/cubbies.js holds two parts. The commands that draw screens (play, watch, review and
// the title screen: src/cli/screens.ts), with Ink, React, yoga and src/ui/, are built on
// their own and kept in the bundle as a base64 string; the bundle's code is the rest (the
// command line, the engine, validate, compare, solve, generate, levels, the comparison
// workers), which loads that part, an import() of a data: URL, only when one of those four
// commands runs. Node parses all the code of a file before it runs any: Ink, React and
// yoga are most of the bundle, and parsing them took about a tenth of `validate`'s time
// on a big level.
//
// The part holds no second copy of the rest: every other module of src/ it imports (the
// engine, the store, the levels) is the bundle's own, handed to it in a table of module
// namespaces before it loads, so a screen and the command line share one engine (its
// caches, its classes). Its `import.meta.url` is the bundle's URL, so that it starts its
// workers and makes its `require` as the rest does.
import { build } from 'esbuild';
import { join, relative, sep } from 'node:path';
import { bundleOptions } from './bundle-options.mjs';

// Where the bundle puts its URL and its shared modules for the part, before loading it.
const BUNDLE_URL = "globalThis[Symbol.for('cubbies.bundle-url')]";
const SHARED = "globalThis[Symbol.for('cubbies.shared')]";

/** The part's own sources: its entry, the four commands and src/ui/. */
const ownedByScreens = (rel) =>
  rel === 'src/cli/screens.ts' ||
  /^src\/cli\/commands\/(play|watch|review|title)\.ts$/.test(rel) ||
  rel.startsWith('src/ui/');

/** Imports of the rest of src/ become the bundle's modules, read from the table (`shared` collects their paths). */
function fromBundle(root, shared) {
  const src = join(root, 'src') + sep;
  return {
    name: 'from-bundle',
    setup(b) {
      b.onResolve({ filter: /^\.\.?\// }, async (args) => {
        if (!args.importer.startsWith(src) || args.pluginData?.fromBundle) return undefined;
        const found = await b.resolve(args.path, {
          kind: args.kind,
          importer: args.importer,
          resolveDir: args.resolveDir,
          pluginData: { fromBundle: true },
        });
        if (found.errors.length > 0) return { errors: found.errors };
        const rel = relative(root, found.path).split(sep).join('/');
        // The part's own files are left to esbuild, which applies tsconfig.json (JSX) to the files it resolves.
        if (!rel.startsWith('src/') || ownedByScreens(rel)) return undefined;
        shared.add(rel);
        return { path: rel, namespace: 'cubbies-shared' };
      });
      // CommonJS, so that the part reads the names it imports from the namespace when it uses them.
      b.onLoad({ filter: /.*/, namespace: 'cubbies-shared' }, (args) => ({
        loader: 'js',
        contents: `module.exports = ${SHARED}[${JSON.stringify(args.path)}];`,
      }));
    },
  };
}

/** Builds the part: its code, what went into it, and the paths of the bundle's modules it reads. */
export async function buildScreens(root, define) {
  const shared = new Set();
  const built = await build({
    ...bundleOptions,
    plugins: [...bundleOptions.plugins, fromBundle(root, shared)],
    absWorkingDir: root,
    entryPoints: ['src/cli/screens.ts'],
    minify: true,
    metafile: true,
    write: false,
    define: { ...define, 'import.meta.url': '__cubbiesBundleUrl' },
    banner: {
      js: `const __cubbiesBundleUrl = ${BUNDLE_URL};\n${bundleOptions.banner.js.replaceAll('import.meta.url', '__cubbiesBundleUrl')}`,
    },
    // Names the part in a stack trace, instead of its whole data: URL.
    footer: { js: '//# sourceURL=cubbies-screens.js' },
  });
  return { code: built.outputFiles[0].contents, metafile: built.metafile, shared: [...shared].sort() };
}

/**
 * For the bundle: the four screen commands' modules, as the command line imports them,
 * each made a module that loads the part and hands out its command. The data: URL is put
 * together at run time: written whole in an import(), esbuild would bundle its code in.
 */
export function screensApart(root, screens) {
  const commands = /^\.\/commands\/(play|watch|review|title)\.js$/;
  return {
    name: 'screens-apart',
    setup(b) {
      b.onResolve({ filter: commands }, (args) =>
        /[\\/]src[\\/]cli[\\/]program\.ts$/.test(args.importer)
          ? { path: commands.exec(args.path)[1], namespace: 'cubbies-screen' }
          : undefined,
      );
      b.onResolve({ filter: /^cubbies-screens$/ }, (args) => ({ path: args.path, namespace: 'cubbies-screens' }));
      b.onLoad({ filter: /.*/, namespace: 'cubbies-screens' }, () => ({
        loader: 'js',
        resolveDir: root,
        contents: [
          ...screens.shared.map((rel, i) => `import * as m${i} from ${JSON.stringify(`./${rel}`)};`),
          `const shared = { ${screens.shared.map((rel, i) => `${JSON.stringify(rel)}: m${i}`).join(', ')} };`,
          `const part = '${Buffer.from(screens.code).toString('base64')}';`,
          'let loaded;',
          'export function screens() {',
          `  ${BUNDLE_URL} = import.meta.url;`,
          `  ${SHARED} = shared;`,
          "  const url = 'data:text/javascript;base64,' + part;",
          '  return (loaded ??= import(url));',
          '}',
        ].join('\n'),
      }));
      b.onLoad({ filter: /.*/, namespace: 'cubbies-screen' }, (args) => ({
        loader: 'js',
        contents: `import { screens } from 'cubbies-screens';\nexport const ${args.path} = (await screens()).${args.path};`,
      }));
    },
  };
}

/** The paths of the screens' packages in a build, for the check that they stay out of the bundle's code. */
export const screenPackagesIn = (metafile) =>
  Object.keys(metafile.inputs).filter((p) =>
    /(^|\/)node_modules\/(ink|ink-text-input|react|react-reconciler|scheduler|yoga-layout)\//.test(p),
  );

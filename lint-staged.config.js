/**
 * What the pre-commit hook (simple-git-hooks, installed by `npm install`) runs on the staged
 * files: Prettier writes them, ESLint checks them, then `tsc -b` checks the packages they belong
 * to (incremental, so only what changed is checked).
 */
const path = require('node:path');

const root = __dirname;
/** Every package `tsc -b` builds (the root tsconfig's references). */
const packages = require('./tsconfig.json').references.map((ref) => ref.path);

/** The packages the files belong to, relative to the repository root. */
function touchedPackages(files) {
  const relative = files.map((file) => path.relative(root, path.resolve(root, file)).split(path.sep).join('/'));
  return packages.filter((pkg) => relative.some((file) => file.startsWith(`${pkg}/`)));
}

const quote = (file) => JSON.stringify(file);

module.exports = {
  '*.{ts,tsx,js,mjs,cjs}': (files) => {
    const list = files.map(quote).join(' ');
    const touched = touchedPackages(files);
    // Commands of one entry run in order: the formatter first, so ESLint sees what is committed.
    return [
      `prettier --write ${list}`,
      `eslint --max-warnings=0 --no-warn-ignored ${list}`,
      ...(touched.length ? [`tsc -b ${touched.join(' ')}`] : []),
    ];
  },
};

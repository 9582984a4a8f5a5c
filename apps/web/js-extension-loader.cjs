// Turbopack loader: the workspace packages follow Node ESM style (`import './x.js'` for x.ts), which
// tsx and tsc resolve but Turbopack does not (no resolve.extensionAlias yet: vercel/next.js#82945).
// Dropping the `.js` from relative specifiers lets Turbopack's normal extension lookup find x.ts.
const RELATIVE_JS = /((?:from|import)\s*\(?\s*)(['"])(\.{1,2}\/[^'"\n]+?)\.js\2/g;

module.exports = function jsExtensionLoader(source) {
  return source.replace(RELATIVE_JS, '$1$2$3$2');
};

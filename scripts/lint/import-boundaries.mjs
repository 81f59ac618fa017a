// The import boundaries of the monorepo as an ESLint rule (README "How it is built"):
//   domain <- config, platform, queue <- programmes <- worklist <- identity <- accreditation <- subsidy <- notifications <- reports
//          <- contexts <- persistence, seed, testing <- api-client (the typed HTTP client, imports no lib) <- apps
// A lib imports only libs to its left (or beside it), through their index (`@app/<name>`), never a relative path
// into another lib nor an app; libs/domain imports nothing but xstate; apps import neither typeorm nor an entity.
import { readdirSync, readFileSync } from 'node:fs';
import { isBuiltin } from 'node:module';
import path from 'node:path';

const ROOT = path.resolve(import.meta.dirname, '../..');

/**
 * Rank of each lib: a lib may import only libs of a lower rank (no two libs import each other, so no cycles).
 * Apps and test/ come after all of them.
 */
const LIB_RANK = {
  domain: 0,
  config: 1,
  queue: 2,
  platform: 3,
  programmes: 4,
  worklist: 4.5,
  identity: 5,
  accreditation: 6,
  subsidy: 7,
  notifications: 8,
  reports: 8.5,
  contexts: 9,
  persistence: 10,
  seed: 11,
  testing: 12,
  'api-client': 13,
};

/** Deep imports allowed from outside a lib: modules imported for their side effects before anything else. */
const DEEP_IMPORTS_ALLOWED = new Set(['@app/testing/test-env']);

/**
 * What the web console (apps/web, a browser bundle) may take from the libs: the typed client once it is a lib, and
 * pure modules that import nothing (the credit-code rule, so the form checks exactly what the API checks).
 */
const WEB_LIB_IMPORTS = new Set(['@app/api-client', '@app/api-client/schema', '@app/domain/uscc.util']);

/** What libs/domain may import besides its own files. */
const DOMAIN_PACKAGES = /^xstate(\/|$)/;

/** Packages apps must not import: the database is reached through the contexts' use cases and queries. */
const APP_FORBIDDEN_PACKAGES = /^(typeorm|@nestjs\/typeorm|pg)(\/|$)/;

/** Class names of every entity (`export class X` in a `*.entity.ts` under libs/), read when the config loads. */
function entityClassNames(root = ROOT) {
  const names = new Set();
  const walk = (dir) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory() && entry.name !== 'node_modules') walk(full);
      else if (entry.name.endsWith('.entity.ts')) {
        for (const m of readFileSync(full, 'utf8').matchAll(/export\s+(?:abstract\s+)?class\s+(\w+)/g)) names.add(m[1]);
      }
    }
  };
  walk(path.join(root, 'libs'));
  return names;
}

/** Where a file or module path lives: { kind: 'lib' | 'app' | 'test' | 'other', name }. */
function placeOf(absPath) {
  const [top, name] = path.relative(ROOT, absPath).split(path.sep);
  if (top === 'libs' && name) return { kind: 'lib', name };
  if (top === 'apps' && name) return { kind: 'app', name };
  if (top === 'test') return { kind: 'test', name: 'test' };
  return { kind: 'other', name: top };
}

/** What an import specifier points at: another part of the repo, or a package. */
function targetOf(specifier, fromFile) {
  if (specifier.startsWith('.')) {
    return { ...placeOf(path.resolve(path.dirname(fromFile), specifier)), relative: true };
  }
  const alias = /^@app\/([^/]+)(\/.*)?$/.exec(specifier);
  if (alias) return { kind: 'lib', name: alias[1], deep: Boolean(alias[2]), relative: false };
  return { kind: 'package', name: specifier };
}

const ENTITY_NAMES = entityClassNames();

/** @type {import('eslint').Rule.RuleModule} */
export const importBoundaries = {
  meta: {
    type: 'problem',
    docs: { description: 'the dependency direction and public entry points of the libs and apps' },
    schema: [],
  },
  create(context) {
    const file = context.filename;
    const from = placeOf(file);
    if (from.kind === 'other') return {};

    function check(node, specifier, importedNames) {
      const to = targetOf(specifier, file);
      const report = (message) => context.report({ node, message: `'${specifier}': ${message}` });

      if (from.kind === 'lib' && from.name === 'domain') {
        const specReadsFixtures = /\.spec\.ts$/.test(file) && to.kind === 'package' && isBuiltin(to.name);
        if (to.kind === 'package' && !DOMAIN_PACKAGES.test(to.name) && !specReadsFixtures) {
          return report('libs/domain imports nothing but xstate (its specs may also use Node built-ins)');
        }
        if (to.kind === 'package' || (to.kind === 'lib' && to.name === 'domain' && to.relative)) return;
      }
      if (to.kind === 'app' && from.kind === 'lib') return report(`a lib never imports an app (apps/${to.name})`);
      if (from.kind === 'app' && from.name === 'web' && to.kind === 'lib') {
        if (to.relative || !WEB_LIB_IMPORTS.has(specifier)) {
          return report(`the web console imports from the libs only ${[...WEB_LIB_IMPORTS].join(' and ')}`);
        }
        return;
      }
      if (to.kind === 'lib' && !(from.kind === 'lib' && from.name === to.name)) {
        if (to.relative) return report(`import another lib through its index, '@app/${to.name}', not a relative path`);
        if (to.deep && !DEEP_IMPORTS_ALLOWED.has(specifier)) {
          return report(`libs/${to.name} is used from outside only through its index, '@app/${to.name}'`);
        }
        if (!(to.name in LIB_RANK)) return report(`no lib '${to.name}'`);
        // a context's integration suite composes the whole service, as the apps do: the direction binds its code, not its specs
        const composingSpec = /\.int-spec\.ts$/.test(file);
        if (from.kind === 'lib' && LIB_RANK[to.name] >= LIB_RANK[from.name] && !composingSpec) {
          return report(`libs/${from.name} may not import libs/${to.name}, which depends on it (${DIRECTION})`);
        }
      }
      if (from.kind === 'app') {
        if (to.kind === 'package' && APP_FORBIDDEN_PACKAGES.test(to.name)) {
          return report('apps do not use TypeORM or pg: call a use case or a query of the context lib');
        }
        if (to.kind === 'app' && to.name !== from.name)
          return report(`an app never imports another app (apps/${to.name})`);
        if (to.kind === 'lib' && importedNames.includes('*')) {
          return report('import the names you use, not the namespace (so the entity check can see them)');
        }
        const entities = importedNames.filter((n) => ENTITY_NAMES.has(n));
        if (entities.length > 0) {
          return report(`apps do not use entity classes (${entities.join(', ')}): return or accept a view`);
        }
      }
    }

    /** The names taken from the other module: `import { A as B }` gives A, `export { A } from` gives A, `* as x` gives '*'. */
    const namesOf = (specifiers = []) =>
      specifiers
        .map((s) =>
          s.type === 'ImportNamespaceSpecifier'
            ? { name: '*' }
            : s.type === 'ImportSpecifier'
              ? s.imported
              : s.type === 'ExportSpecifier'
                ? s.local
                : undefined,
        )
        .filter(Boolean)
        .map((id) => id.name ?? id.value);

    return {
      ImportDeclaration: (node) => check(node, node.source.value, namesOf(node.specifiers)),
      ExportNamedDeclaration: (node) => node.source && check(node, node.source.value, namesOf(node.specifiers)),
      ExportAllDeclaration: (node) => check(node, node.source.value, []),
      ImportExpression: (node) => node.source.type === 'Literal' && check(node, String(node.source.value), []),
      // import x = require('typeorm')
      TSImportEqualsDeclaration: (node) =>
        node.moduleReference.type === 'TSExternalModuleReference' &&
        check(node, String(node.moduleReference.expression.value), ['*']),
    };
  },
};

const DIRECTION =
  'domain <- config <- queue <- platform <- programmes <- identity <- accreditation <- subsidy <- notifications <- contexts <- persistence <- seed <- testing <- apps';

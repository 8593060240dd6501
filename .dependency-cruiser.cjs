// dependency-cruiser: architectural boundaries between apps, libraries and migrations.
// Run: depcruise apps libs migrations --config .dependency-cruiser.cjs
/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      comment:
        'Circular dependencies make module initialisation order fragile (and break Nest DI at runtime).',
      from: {},
      to: { circular: true },
    },
    {
      name: 'libs-not-to-apps',
      severity: 'error',
      comment: 'Libraries are shared by the apps; they must not depend on any app.',
      from: { path: '^libs/' },
      to: { path: '^apps/' },
    },
    {
      name: 'core-not-to-other-libs',
      severity: 'error',
      comment: 'libs/core is the foundation: it must not depend on any other library.',
      from: { path: '^libs/core/' },
      to: { path: '^libs/[^/]+/', pathNot: '^libs/core/' },
    },
    {
      name: 'mail-only-to-core',
      severity: 'error',
      comment: 'libs/mail may depend only on libs/core (other libraries use mail, not the other way round).',
      from: { path: '^libs/mail/' },
      to: { path: '^libs/[^/]+/', pathNot: '^libs/(core|mail)/' },
    },
    {
      name: 'web-only-to-core',
      severity: 'error',
      comment: 'libs/web (layout, components, words) is shared by every domain\'s pages: it depends only on libs/core.',
      from: { path: '^libs/web/' },
      to: { path: '^libs/[^/]+/', pathNot: '^libs/(core|web)/' },
    },
    {
      name: 'member-tables-through-members',
      severity: 'error',
      comment:
        'The members library owns the member and member_role tables: other code asks it (MemberRepository, ' +
        'findOrAddPublicMember, …). This stops a direct path to their entities; importing Member/MemberRole ' +
        'by value through @app/members is stopped by ESLint (depcruise sees modules, not the names imported ' +
        'from index.ts).',
      from: { path: '^(apps|libs)/', pathNot: '^libs/members/' },
      to: { path: '^libs/members/src/member(-role)?\\.entity\\.ts$', dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'libs-not-to-migrations',
      severity: 'error',
      comment: 'Migrations depend on the libraries (for entities), never the other way round.',
      from: { path: '^libs/' },
      to: { path: '^migrations/' },
    },
    {
      name: 'not-to-unresolvable',
      severity: 'error',
      comment:
        "This module depends on a module that cannot be found (typo, missing package, or a path alias depcruise can't resolve).",
      from: {},
      to: { couldNotResolve: true },
    },
    {
      name: 'not-to-dev-dep',
      severity: 'error',
      comment:
        'Production code in apps/ and libs/ must not depend on devDependencies (they are not installed in the image). ' +
        'Type-only imports and @types/* are erased at compile time and are allowed.',
      from: { path: '^(apps|libs)/', pathNot: '\\.(spec|e2e-spec)\\.ts$' },
      to: {
        dependencyTypes: ['npm-dev'],
        dependencyTypesNot: ['type-only'],
        pathNot: ['node_modules/@types/'],
      },
    },
  ],
  options: {
    // node_modules is *not followed* but must not be *excluded*: excluding it drops every
    // npm dependency from the graph, and not-to-dev-dep could then never fire.
    doNotFollow: { path: ['node_modules'] },
    exclude: { path: '(^|/)dist/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    // Resolve packages the way Node does (package.json "exports", ESM + CJS conditions).
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
      mainFields: ['module', 'main', 'types', 'typings'],
    },
    reporterOptions: {
      text: { highlightFocused: true },
    },
  },
};

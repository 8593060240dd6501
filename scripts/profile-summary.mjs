// `node scripts/profile-summary.mjs <file.cpuprofile> [top]`: where a CPU profile's time went, by
// self time: the top functions, and the total per package (node_modules/<package>, our code by lib,
// Node's internals, garbage collection, idle). For docs/performance.md.
import { readFileSync } from 'node:fs';

const [file, topArg] = process.argv.slice(2);
const top = Number(topArg ?? 25);
const profile = JSON.parse(readFileSync(file, 'utf8'));
const byId = new Map(profile.nodes.map((node) => [node.id, node]));
const self = new Map();
for (let i = 0; i < profile.samples.length; i++) {
  const dt = profile.timeDeltas[i + 1] ?? 0;
  self.set(profile.samples[i], (self.get(profile.samples[i]) ?? 0) + dt);
}
const total = [...self.values()].reduce((a, b) => a + b, 0);

function where(url) {
  if (!url) return '';
  const nm = url.lastIndexOf('node_modules/');
  if (nm >= 0) {
    const rest = url.slice(nm + 'node_modules/'.length).split('/');
    return rest[0].startsWith('@') ? `${rest[0]}/${rest[1]}` : rest[0];
  }
  if (url.startsWith('node:')) return 'node';
  const lib = /\/dist\/(libs\/[^/]+|apps\/[^/]+)/.exec(url);
  return lib ? lib[1] : url;
}

const functions = new Map();
const packages = new Map();
for (const [id, us] of self) {
  const node = byId.get(id);
  const { functionName, url, lineNumber } = node.callFrame;
  const name = functionName || '(anonymous)';
  const pkg = url ? where(url) : name; // (garbage collector), (idle), (program)
  const key = `${name}  ${pkg}${url ? `:${lineNumber + 1}` : ''}`;
  functions.set(key, (functions.get(key) ?? 0) + us);
  packages.set(pkg, (packages.get(pkg) ?? 0) + us);
}
// Packages and natives grouped into the phases of a request.
const PHASES = [
  [
    'socket writes (one per statement, script, response)',
    /^(writev|writeBuffer|writeUtf8String|writeString|writeLatin1String)$/,
  ],
  [
    'startup (loading modules)',
    /^(wrapSafe|compileSourceTextModule|internalModuleStat|realpathSync|readFileUtf8)$/,
  ],
  ['TypeORM', /^typeorm$/],
  ['node-postgres', /^(pg|pg-protocol|pg-pool|pg-types|postgres-)/],
  ['Redis (ioredis, BullMQ)', /^(ioredis|bullmq|@ioredis|redis-)/],
  [
    'GraphQL (graphql-js, Apollo, Nest GraphQL, validation)',
    /^(graphql|@apollo|@nestjs\/graphql|@nestjs\/apollo|class-validator|class-transformer|validator|graphql-query-complexity|@escape\.tech|@graphql-tools)/,
  ],
  [
    'HTTP (Express, router, body parsing, helmet)',
    /^(express|router|body-parser|raw-body|helmet|path-to-regexp|@as-integrations|on-finished|finalhandler|send|qs|iconv-lite|type-is|content-type|cookie)/,
  ],
  ['Nest (guards, interceptors, DI)', /^@nestjs\/(core|common|throttler)$/],
  ['logging and metrics (pino, prom-client)', /^(pino|@pinojs|prom-client|sonic-boom|pino-std-serializers)/],
  ['our code (libs, apps)', /^(libs|apps)\//],
  ['mail templates (handlebars)', /^handlebars$/],
  ['garbage collection', /^\(garbage collector\)$/],
  ['idle', /^\(idle\)$/],
  ['Node internals (streams, timers, promises, crypto)', /^(node|runMicrotasks|Hmac|Hash|\(program\))$/],
];
const phases = new Map();
for (const [pkg, us] of packages) {
  const phase = PHASES.find(([, re]) => re.test(pkg))?.[0] ?? 'other';
  phases.set(phase, (phases.get(phase) ?? 0) + us);
}

const pct = (us) => `${((100 * us) / total).toFixed(1).padStart(5)} %`;
console.log(`${(total / 1e6).toFixed(1)} s sampled`);
console.log('\nBy phase (self time):');
for (const [phase, us] of [...phases].sort((a, b) => b[1] - a[1])) {
  console.log(`  ${pct(us)}  ${phase}`);
}
console.log('\nBy package (self time):');
for (const [pkg, us] of [...packages].sort((a, b) => b[1] - a[1]).slice(0, top)) {
  console.log(`  ${pct(us)}  ${pkg}`);
}
console.log('\nTop functions (self time):');
for (const [key, us] of [...functions].sort((a, b) => b[1] - a[1]).slice(0, top)) {
  console.log(`  ${pct(us)}  ${key}`);
}

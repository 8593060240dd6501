/**
 * `npm run bench`: drives signPetition with many concurrent clients for a fixed time, then a bare
 * Apollo Server hello-world mutation on the same machine the same way, and prints our rate as a
 * ratio of it. Each signing comes from its own client address (X-Forwarded-For behind TRUST_PROXY=1),
 * as a real crowd would, so the per-address limits do not turn the run into suspects.
 */
import 'reflect-metadata';
import { ApolloServer } from '@apollo/server';
import { expressMiddleware } from '@as-integrations/express5';
import express from 'express';
import { Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { Branch } from '@app/branches';
import { Petition } from '@app/petitions';
import { benchDatabase, describe, drive } from './support';

const CLIENTS = Number(process.env.BENCH_CLIENTS ?? 128);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);

async function post(port: number, body: string, forwardedFor?: string): Promise<boolean> {
  const res = await fetch(`http://127.0.0.1:${port}/graphql`, {
    method: 'POST',
    headers: {
      'Content-Type': 'application/json',
      ...(forwardedFor ? { 'X-Forwarded-For': forwardedFor } : {}),
    },
    body,
  });
  const json = (await res.json()) as { errors?: unknown };
  return res.ok && !json.errors;
}

async function bareApollo(): Promise<{ port: number; close: () => Promise<void> }> {
  const apollo = new ApolloServer({
    typeDefs: 'type Query { hello: String } type Mutation { sign(name: String!): String }',
    resolvers: {
      Query: { hello: () => 'hello' },
      Mutation: { sign: (_: unknown, { name }: { name: string }) => name },
    },
  });
  await apollo.start();
  const app = express();
  app.use('/graphql', express.json(), expressMiddleware(apollo));
  const server: Server = await new Promise((resolve) => {
    const s = app.listen(0, () => resolve(s));
  });
  return {
    port: (server.address() as AddressInfo).port,
    close: async () => {
      await apollo.stop();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

async function main(): Promise<void> {
  Object.assign(process.env, {
    NODE_ENV: 'production',
    PUBLIC_URL: 'http://bench.example.org',
    MAIL_FROM: 'Bench <bench@example.org>',
    SMTP_URL: 'smtp://127.0.0.1:2525',
    ADDRESS_HASH_KEY: 'bench-only-address-hash-key-0123456789',
    TRUST_PROXY: '1',
    RATE_LIMIT_PUBLIC: '1000',
    LOG_LEVEL: 'warn',
  });
  const { db, drop } = await benchDatabase();
  try {
    const branch = await db
      .getRepository(Branch)
      .save({ slug: 'bench', name: 'Bench', postcodeAreas: ['EH'] });
    await db.getRepository(Petition).save({
      slug: 'bench',
      title: 'Bench petition',
      summary: 's',
      body: 'b',
      targetName: 't',
      branchId: branch.id,
      goal: 1_000_000,
      status: 'OPEN',
    });
    const { createApi } = await import('../apps/api/src/bootstrap.js');
    const api = await createApi();
    await api.listen(0);
    const port = (api.getHttpServer().address() as AddressInfo).port;
    const mutation = 'mutation($input: SignPetitionInput!) { signPetition(input: $input) { status } }';

    console.log(
      `signPetition vs a bare Apollo Server mutation: ${CLIENTS} clients, ${SECONDS} s each (Node ${process.version})`,
    );
    const ours = await drive(CLIENTS, SECONDS, (n) =>
      post(
        port,
        JSON.stringify({
          query: mutation,
          variables: {
            input: {
              petitionSlug: 'bench',
              fullName: `Signer ${n}`,
              email: `signer${n}@bench.example.org`,
              postcode: 'EH1 1AA',
              emailOptIn: false,
              showName: n % 2 === 0,
            },
          },
        }),
        `10.${(n >> 16) & 255}.${(n >> 8) & 255}.${n & 255}`,
      ),
    );
    await api.close();
    const stored = await db.query<Array<{ count: number }>>('SELECT count(*)::int AS count FROM signature');

    const bare = await bareApollo();
    const baseline = await drive(CLIENTS, SECONDS, () =>
      post(bare.port, JSON.stringify({ query: 'mutation { sign(name: "x") }' })),
    );
    await bare.close();

    console.log(describe('signPetition (stored, mailed via the outbox)', ours));
    console.log(describe('bare Apollo Server mutation', baseline));
    console.log(
      `  signatures stored: ${stored[0].count}; ratio ${(ours.perSecond / baseline.perSecond).toFixed(2)}× the bare server`,
    );
    console.log(
      `  (every signing answers no sooner than PUBLIC_RESPONSE_FLOOR_MS = ${process.env.PUBLIC_RESPONSE_FLOOR_MS ?? 300} ms, by design)`,
    );
  } finally {
    await drop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});

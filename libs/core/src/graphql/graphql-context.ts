import type { Request, Response } from 'express';
import type { Actor } from '../auth/actor';
import { LoaderRegistry } from './loaders';

export interface GraphqlContext {
  req: Request & { actor?: Actor | null };
  res: Response;
  loaders: LoaderRegistry;
}

export function createGraphqlContext({ req, res }: { req: Request; res: Response }): GraphqlContext {
  return { req, res, loaders: new LoaderRegistry() };
}

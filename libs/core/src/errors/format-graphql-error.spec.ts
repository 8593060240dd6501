import { ForbiddenException } from '@nestjs/common';
import { GraphQLError } from 'graphql';
import { BadUserInputError } from './domain.errors';
import { formatGraphqlError } from './format-graphql-error';

const formatted = (error: GraphQLError) => error.toJSON();

describe('formatGraphqlError gives every error a reason', () => {
  it('keeps a domain error its own reason', () => {
    const raw = new GraphQLError('x', {
      originalError: new BadUserInputError('Closed.', [], 'PETITION_NOT_OPEN'),
    });
    expect(formatGraphqlError(formatted(raw), raw, true).extensions).toEqual({
      code: 'BAD_USER_INPUT',
      reason: 'PETITION_NOT_OPEN',
    });
  });

  it("gives an HttpException its code's generic reason", () => {
    const raw = new GraphQLError('x', { path: ['me'], originalError: new ForbiddenException() });
    expect(formatGraphqlError(formatted(raw), raw, true).extensions).toEqual({
      code: 'FORBIDDEN',
      reason: 'NOT_ALLOWED',
    });
  });

  it('gives anything unexpected INTERNAL, without its message in production', () => {
    const raw = new GraphQLError('column "secret" does not exist', {
      path: ['me'],
      originalError: new TypeError('column "secret" does not exist'),
    });
    const out = formatGraphqlError(formatted(raw), raw, true);
    expect(out.extensions).toEqual({ code: 'INTERNAL_SERVER_ERROR', reason: 'INTERNAL' });
    expect(out.message).toBe('Something went wrong on our side.');
  });

  it('gives a malformed request INVALID_REQUEST, and a limit its own reason', () => {
    const parse = new GraphQLError('Syntax Error', { extensions: { code: 'GRAPHQL_PARSE_FAILED' } });
    expect(formatGraphqlError(formatted(parse), parse, true).extensions).toEqual({
      code: 'GRAPHQL_PARSE_FAILED',
      reason: 'INVALID_REQUEST',
    });
    const deep = new GraphQLError('too deep', {
      extensions: { code: 'BAD_USER_INPUT', reason: 'QUERY_TOO_DEEP' },
    });
    expect(formatGraphqlError(formatted(deep), deep, false).extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      reason: 'QUERY_TOO_DEEP',
    });
  });
});

import { GraphQLError } from 'graphql';
import pino from 'pino';
import { createErrorFormatter, validationError } from '../src/errors';

function capturingLogger() {
  const lines: string[] = [];
  return { logger: pino({ level: 'error' }, { write: (line: string) => void lines.push(line) }), lines };
}

describe('error formatter', () => {
  it('masks an unexpected error and logs its detail under the request id', () => {
    const { logger, lines } = capturingLogger();
    const format = createErrorFormatter(logger);
    const error = new GraphQLError('boom', { originalError: new Error('password=hunter2 leaked'), extensions: { request_id: 'req-1' } });
    const formatted = format({ message: 'password=hunter2 leaked', extensions: { request_id: 'req-1' } }, error);
    expect(formatted.message).toBe('Internal server error');
    expect(JSON.stringify(formatted)).not.toContain('hunter2');
    expect(formatted.extensions).toMatchObject({ code: 'INTERNAL', request_id: 'req-1' });
    expect(lines.join('')).toContain('hunter2');
    expect(lines.join('')).toContain('req-1');
  });

  it('passes catalog errors through with their details', () => {
    const { logger } = capturingLogger();
    const error = validationError([{ field: 'email', message: 'Invalid email format' }]);
    const formatted = createErrorFormatter(logger)({ message: error.message, extensions: { ...error.extensions, request_id: 'r' } }, error);
    expect(formatted.extensions).toEqual({
      code: 'VALIDATION_ERROR',
      details: [{ field: 'email', message: 'Invalid email format' }],
      request_id: 'r',
    });
  });

  it('reports GraphQL input errors as VALIDATION_ERROR with the original reason', () => {
    const { logger } = capturingLogger();
    const formatted = createErrorFormatter(logger)(
      { message: 'Cannot query field "x"', extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } },
      new GraphQLError('x'),
    );
    expect(formatted.extensions).toMatchObject({ code: 'VALIDATION_ERROR', reason: 'GRAPHQL_VALIDATION_FAILED' });
  });
});

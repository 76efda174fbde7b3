import { QueryRunnerAlreadyReleasedError, QueryRunnerProviderAlreadyReleasedError } from 'typeorm';
import { databaseFailureOf } from './database-failure';

describe('databaseFailureOf', () => {
  const withCode = (code: string, message = 'x') => Object.assign(new Error(message), { code });

  it.each([
    ['a refused connection', withCode('ECONNREFUSED', 'connect ECONNREFUSED 127.0.0.1:5432')],
    ['a reset connection', withCode('ECONNRESET')],
    ['the server shutting down (57P01)', withCode('57P01', 'terminating connection due to administrator command')],
    ['a crash shutdown (57P02)', withCode('57P02')],
    ['the server starting up (57P03)', withCode('57P03', 'the database system is starting up')],
    ['a connection exception (08006)', withCode('08006')],
    ['a connection exception (08P01)', withCode('08P01')],
    ['a connection terminated without a code', new Error('Connection terminated unexpectedly')],
    ['a pool connection timeout', new Error('timeout exceeded when trying to connect')],
    ['TypeORM wrapping a driver error', Object.assign(new Error('query failed'), { driverError: withCode('57P01') })],
    ['a transaction query after TypeORM released its broken connection', new QueryRunnerProviderAlreadyReleasedError()],
    ['a query runner released by a connection error', new QueryRunnerAlreadyReleasedError()],
    ['Node wrapping refused addresses', Object.assign(new AggregateError([withCode('ECONNREFUSED')]), { code: undefined })],
  ])('calls %s unavailable', (_what, error) => {
    expect(databaseFailureOf(error)).toBe('unavailable');
  });

  it('calls disk_full (53100) storage full, also when wrapped', () => {
    expect(databaseFailureOf(withCode('53100', 'could not extend file'))).toBe('storageFull');
    expect(databaseFailureOf({ driverError: withCode('53100') })).toBe('storageFull');
  });

  it.each([
    ['a unique violation', withCode('23505')],
    ['a syntax error', withCode('42601')],
    ['a code that only starts like class 08', withCode('0800000')],
    ['a plain error', new Error('boom')],
    ['nothing', undefined],
    ['a string', 'ECONNREFUSED'],
  ])('leaves %s alone', (_what, error) => {
    expect(databaseFailureOf(error)).toBeUndefined();
  });
});

/**
 * Thrown to short-circuit a request whose stored result is replayed; the
 * exception filter writes it (Nest would otherwise overwrite the status).
 */
export class IdempotentReplay {
  constructor(readonly status: number, readonly body: unknown, readonly location: string | null) {}
}

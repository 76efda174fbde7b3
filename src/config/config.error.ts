/** A bad environment value: the message names the variable and what it expects. */
export class ConfigError extends Error {
  constructor(readonly variable: string, expectation: string, value: string) {
    super(`${variable}=${JSON.stringify(value.length > 80 ? `${value.slice(0, 80)}…` : value)} is invalid: ${expectation}`);
  }
}

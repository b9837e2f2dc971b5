/** A setting that cannot be used as given. Its message is one line, fit to show an operator as is. */
export class ConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConfigError';
  }
}

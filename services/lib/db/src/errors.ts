/** Base class of every error this library raises, so callers can tell our failures from the driver's. */
export class DbError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = new.target.name;
  }
}

/** The embedded PostgreSQL server could not be initialised, started or stopped. */
export class EmbeddedPostgresError extends DbError {}

/** A schema or database name that is not a plain lower-case SQL identifier. */
export class InvalidIdentifierError extends DbError {
  constructor(readonly identifier: string) {
    super(
      `"${identifier}" is not a valid identifier (expected [a-z_][a-z0-9_]*, at most 63 characters)`,
    );
  }
}

/** Running the migrations of a service failed; `cause` holds the underlying error. */
export class MigrationError extends DbError {}

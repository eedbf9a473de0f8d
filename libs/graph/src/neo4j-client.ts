import { AppError } from '@memegraph/contracts';
import { withSpan } from '@memegraph/telemetry';
import neo4j, { type Driver, type RecordShape, type Session } from 'neo4j-driver';

export interface Neo4jSettings {
  uri: string;
  user: string;
  password: string;
  database: string;
}

type Params = Record<string, unknown>;

/**
 * The one door to Neo4j. Repositories pass parameterised Cypher through it; every call is a
 * span, and connection failures become DEPENDENCY_UNAVAILABLE so the API answers 503.
 */
export class Neo4jClient {
  private readonly driver: Driver;

  constructor(private readonly settings: Neo4jSettings) {
    this.driver = neo4j.driver(settings.uri, neo4j.auth.basic(settings.user, settings.password), {
      // Plain JS numbers: our integers (counts, nanoseconds) stay below 2^53.
      disableLosslessIntegers: true,
      connectionAcquisitionTimeout: 10_000,
      connectionTimeout: 5_000,
      maxConnectionPoolSize: 50,
      userAgent: 'memegraph',
    });
  }

  private session(mode: 'READ' | 'WRITE'): Session {
    return this.driver.session({ database: this.settings.database, defaultAccessMode: mode === 'READ' ? neo4j.session.READ : neo4j.session.WRITE });
  }

  private async run<T extends RecordShape>(mode: 'READ' | 'WRITE', cypher: string, params: Params): Promise<T[]> {
    return withSpan('neo4j.query', { 'db.system': 'neo4j', 'db.namespace': this.settings.database, 'db.query.text': cypher }, async () => {
      const session = this.session(mode);
      try {
        const exec = mode === 'READ' ? session.executeRead.bind(session) : session.executeWrite.bind(session);
        const result = await exec((tx) => tx.run<T>(cypher, params));
        return result.records.map((r) => r.toObject());
      } catch (err) {
        throw toAppError(err);
      } finally {
        await session.close();
      }
    });
  }

  read<T extends RecordShape = RecordShape>(cypher: string, params: Params = {}): Promise<T[]> {
    return this.run<T>('READ', cypher, params);
  }

  write<T extends RecordShape = RecordShape>(cypher: string, params: Params = {}): Promise<T[]> {
    return this.run<T>('WRITE', cypher, params);
  }

  /** Schema statements (constraints, indexes) cannot share a transaction with data writes. */
  async schema(cypher: string): Promise<void> {
    await withSpan('neo4j.schema', { 'db.system': 'neo4j', 'db.query.text': cypher }, async () => {
      const session = this.session('WRITE');
      try {
        await session.run(cypher);
      } catch (err) {
        throw toAppError(err);
      } finally {
        await session.close();
      }
    });
  }

  async ping(): Promise<void> {
    try {
      await this.driver.verifyConnectivity({ database: this.settings.database });
    } catch (err) {
      throw toAppError(err);
    }
  }

  close(): Promise<void> {
    return this.driver.close();
  }
}

function toAppError(err: unknown): unknown {
  const code = (err as { code?: string }).code ?? '';
  if (code === 'ServiceUnavailable' || code === 'SessionExpired' || /ECONNREFUSED|Connection acquisition timed out/.test(String((err as Error).message))) {
    return new AppError('DEPENDENCY_UNAVAILABLE', `Neo4j is unavailable: ${(err as Error).message}`);
  }
  return err;
}

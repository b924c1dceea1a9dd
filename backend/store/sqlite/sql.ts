/** The connection and prepared statements the SQLite store's modules share. */
import type Database from 'better-sqlite3';
import type { Case } from '../../../core/model';
import type { Result } from '../../../core/errors';
import { caseSchema, parseStoredJson, StoredRecordError } from '../schemas';

export type Db = Database.Database;
export type Row = Record<string, unknown>;

/** A connection with its statements prepared once and kept (preparing costs more than most runs). */
export class Sql {
  private readonly statements = new Map<string, Database.Statement>();
  /** Statements handed out so far (each is run once where it is asked for): a figure for the bench. */
  used = 0;

  constructor(readonly db: Db) {}

  stmt(sql: string): Database.Statement {
    this.used++;
    let s = this.statements.get(sql);
    if (!s) {
      s = this.db.prepare(sql);
      this.statements.set(sql, s);
    }
    return s;
  }

  /** Forgets every prepared statement (after the schema changed under them). */
  forgetStatements(): void {
    this.statements.clear();
  }
}

/** A stored case from its JSON column, checked against the row's id. */
export function parseCase(id: string, json: unknown): Case {
  const c = parseStoredJson(caseSchema, json, `cases/${id}`);
  if (c.id !== id) throw new StoredRecordError(`cases/${id}`, [`id: 记录中的编号为 ${c.id}`]);
  return c;
}

/** Thrown inside a transaction to roll it back and hand a Result to the caller. */
export class Rollback {
  constructor(readonly result: Result<never>) {}
}

export function abortIfFailed(r: Result<void>): void {
  if (!r.ok) throw new Rollback(r);
}

export const isSqliteConstraint = (e: unknown): e is { code: string; message: string } =>
  typeof e === 'object' && e !== null && String((e as { code?: unknown }).code).startsWith('SQLITE_CONSTRAINT');

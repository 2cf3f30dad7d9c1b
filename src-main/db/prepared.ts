// Statements built once per connection and kept. For a one-row write, building the query with
// drizzle and having SQLite prepare it cost more than the write itself: 0.3 ms of the 0.55 ms of
// CPU that adding a payment took (PERFORMANCE.md D1, durable commits).
const kept = new WeakMap<object, Map<string, unknown>>();

/** The statement `key` of this connection (`owner`: its drizzle or better-sqlite3 handle), built once. */
export function keep<T>(owner: object, key: string, build: () => T): T {
  let statements = kept.get(owner);
  if (!statements) kept.set(owner, (statements = new Map()));
  let statement = statements.get(key) as T | undefined;
  if (statement === undefined) {
    statement = build();
    statements.set(key, statement);
  }
  return statement;
}

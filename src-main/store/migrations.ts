// One numbered step each; PRAGMA user_version records how many have run. Append only: a step
// that has shipped is never edited, because users' databases already ran it.

export const MIGRATIONS: readonly string[] = [
  // 1: datasets and their events.
  `
  CREATE TABLE datasets (
    id            INTEGER PRIMARY KEY,
    name          TEXT NOT NULL,
    source_name   TEXT NOT NULL,
    source_size   INTEGER NOT NULL,
    source_hash   TEXT NOT NULL UNIQUE,
    format        TEXT NOT NULL,
    titles_name   TEXT,
    users         INTEGER NOT NULL,
    items         INTEGER NOT NULL,
    events        INTEGER NOT NULL,
    skipped_json  TEXT NOT NULL,
    time_min      INTEGER,
    time_max      INTEGER,
    created_at    TEXT NOT NULL
  );
  CREATE TABLE users (
    dataset_id INTEGER NOT NULL REFERENCES datasets(id) ON DELETE CASCADE,
    idx        INTEGER NOT NULL,
    ext_id     TEXT NOT NULL,
    PRIMARY KEY (dataset_id, idx)
  ) WITHOUT ROWID;
  CREATE UNIQUE INDEX users_by_ext ON users(dataset_id, ext_id);
  CREATE TABLE items (
    dataset_id INTEGER NOT NULL REFERENCES datasets(id) ON DELETE CASCADE,
    idx        INTEGER NOT NULL,
    ext_id     TEXT NOT NULL,
    title      TEXT,
    PRIMARY KEY (dataset_id, idx)
  ) WITHOUT ROWID;
  CREATE UNIQUE INDEX items_by_ext ON items(dataset_id, ext_id);
  -- seq is the row's position in the file: it breaks ties in time, as docs/contract.md promises.
  CREATE TABLE events (
    dataset_id INTEGER NOT NULL REFERENCES datasets(id) ON DELETE CASCADE,
    seq        INTEGER NOT NULL,
    user_idx   INTEGER NOT NULL,
    item_idx   INTEGER NOT NULL,
    rating     REAL,
    time_ms    INTEGER,
    PRIMARY KEY (dataset_id, seq)
  ) WITHOUT ROWID;
  `,
  // 2: trained models, training runs and cached explanations (filled by the engine).
  `
  CREATE TABLE models (
    id            INTEGER PRIMARY KEY,
    dataset_id    INTEGER NOT NULL REFERENCES datasets(id) ON DELETE CASCADE,
    kind          TEXT NOT NULL,
    config_json   TEXT NOT NULL,
    config_hash   TEXT NOT NULL,
    seed          INTEGER NOT NULL,
    backend       TEXT NOT NULL,
    weights       BLOB NOT NULL,
    curve_json    TEXT NOT NULL,
    metrics_json  TEXT NOT NULL,
    epochs        INTEGER NOT NULL,
    seconds       REAL NOT NULL,
    created_at    TEXT NOT NULL
  );
  CREATE UNIQUE INDEX models_by_config ON models(dataset_id, kind, config_hash);
  CREATE TABLE runs (
    id          INTEGER PRIMARY KEY,
    dataset_id  INTEGER NOT NULL REFERENCES datasets(id) ON DELETE CASCADE,
    kind        TEXT NOT NULL,
    config_json TEXT NOT NULL,
    status      TEXT NOT NULL CHECK (status IN ('running', 'done', 'cancelled', 'failed')),
    model_id    INTEGER REFERENCES models(id) ON DELETE SET NULL,
    message     TEXT,
    started_at  TEXT NOT NULL,
    ended_at    TEXT
  );
  CREATE TABLE explanations (
    model_id  INTEGER NOT NULL REFERENCES models(id) ON DELETE CASCADE,
    user_idx  INTEGER NOT NULL,
    step      INTEGER NOT NULL,
    top       INTEGER NOT NULL,
    json      TEXT NOT NULL,
    PRIMARY KEY (model_id, user_idx, step, top)
  ) WITHOUT ROWID;
  `,
  // 3: ids are never reused. Without AUTOINCREMENT SQLite hands out max(id) + 1, so deleting the
  // newest dataset or model and then importing or training gave the next one the same id, and an
  // id saved in a script or a report silently pointed at something else. A retrain with the same
  // settings is now a new model beside the old one, so the settings index is no longer unique.
  // (Run with foreign keys off: see migrate() in db.ts.)
  `
  CREATE TABLE datasets_new (
    id            INTEGER PRIMARY KEY AUTOINCREMENT,
    name          TEXT NOT NULL,
    source_name   TEXT NOT NULL,
    source_size   INTEGER NOT NULL,
    source_hash   TEXT NOT NULL UNIQUE,
    format        TEXT NOT NULL,
    titles_name   TEXT,
    users         INTEGER NOT NULL,
    items         INTEGER NOT NULL,
    events        INTEGER NOT NULL,
    skipped_json  TEXT NOT NULL,
    time_min      INTEGER,
    time_max      INTEGER,
    created_at    TEXT NOT NULL
  );
  INSERT INTO datasets_new SELECT * FROM datasets;
  DROP TABLE datasets;
  ALTER TABLE datasets_new RENAME TO datasets;
  CREATE TABLE models_new (
    id            INTEGER PRIMARY KEY AUTOINCREMENT,
    dataset_id    INTEGER NOT NULL REFERENCES datasets(id) ON DELETE CASCADE,
    kind          TEXT NOT NULL,
    config_json   TEXT NOT NULL,
    config_hash   TEXT NOT NULL,
    seed          INTEGER NOT NULL,
    backend       TEXT NOT NULL,
    weights       BLOB NOT NULL,
    curve_json    TEXT NOT NULL,
    metrics_json  TEXT NOT NULL,
    epochs        INTEGER NOT NULL,
    seconds       REAL NOT NULL,
    created_at    TEXT NOT NULL
  );
  INSERT INTO models_new SELECT * FROM models;
  DROP TABLE models;
  ALTER TABLE models_new RENAME TO models;
  CREATE INDEX models_by_config ON models(dataset_id, kind, config_hash);
  `,
  // 4: runs and explanations were created by step 2 for a run log and an explanation cache that
  // never came: nothing ever wrote a row to either. An explanation takes milliseconds to compute
  // exactly, so there is nothing to cache; a table no code reads only misleads a reader.
  `
  DROP TABLE explanations;
  DROP TABLE runs;
  `,
  // 5: each dataset's events grouped by user and in time order (core/dataset/split.ts
  // UserTimelines), kept so that opening a model of a 10M-event log does not read and sort every
  // event again (store/user-timelines.ts). Derived data: written on first use, rebuilt if absent.
  `
  CREATE TABLE user_timelines (
    dataset_id INTEGER PRIMARY KEY REFERENCES datasets(id) ON DELETE CASCADE,
    events     INTEGER NOT NULL,
    blob       BLOB NOT NULL
  );
  `,
];

export const SCHEMA_VERSION = MIGRATIONS.length;

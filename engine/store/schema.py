"""The results store's schema: one tuple of SQL statements per version.

``PRAGMA user_version`` holds the version a database is at; opening it with
:class:`engine.store.store.Store` applies the missing steps in one transaction. Never edit a
step that has shipped: append a new one (``ALTER TABLE``, new tables, data moves).
"""

from __future__ import annotations

STATUSES = ("running", "finished", "stopped", "failed", "interrupted")

MIGRATIONS: tuple[tuple[str, ...], ...] = (
    # 1: the first schema
    (
        """CREATE TABLE runs (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            uid TEXT NOT NULL UNIQUE,
            kind TEXT NOT NULL DEFAULT 'train',
            name TEXT NOT NULL DEFAULT '',
            status TEXT NOT NULL CHECK (status IN
                ('running', 'finished', 'stopped', 'failed', 'interrupted')),
            started_at REAL NOT NULL,
            ended_at REAL,
            pid INTEGER,
            pid_started_at REAL,
            host TEXT,
            dataset TEXT,
            model TEXT,
            device TEXT,
            epochs_planned INTEGER,
            epochs_done INTEGER NOT NULL DEFAULT 0,
            steps INTEGER NOT NULL DEFAULT 0,
            samples_seen INTEGER NOT NULL DEFAULT 0,
            train_loss REAL,
            train_accuracy REAL,
            dev_loss REAL,
            dev_accuracy REAL,
            test_loss REAL,
            test_accuracy REAL,
            samples_per_s REAL,
            train_seconds REAL,
            wall_seconds REAL,
            score REAL,
            env_sha256 TEXT,
            error TEXT,
            config_json TEXT NOT NULL DEFAULT '{}',
            info_json TEXT NOT NULL DEFAULT '{}',
            env_json TEXT,
            batch_stride INTEGER NOT NULL DEFAULT 1,
            sample_stride INTEGER NOT NULL DEFAULT 1
        )""",
        "CREATE INDEX runs_started_at ON runs (started_at)",
        "CREATE INDEX runs_status ON runs (status)",
        """CREATE TABLE run_tags (
            run_id INTEGER NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
            tag TEXT NOT NULL,
            PRIMARY KEY (run_id, tag)
        ) WITHOUT ROWID""",
        "CREATE INDEX run_tags_tag ON run_tags (tag)",
        """CREATE TABLE epochs (
            run_id INTEGER NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
            epoch INTEGER NOT NULL,
            train_loss REAL,
            train_accuracy REAL,
            dev_loss REAL,
            dev_accuracy REAL,
            samples_per_s REAL,
            seconds REAL,
            ended_at REAL NOT NULL,
            logs_json TEXT NOT NULL,
            PRIMARY KEY (run_id, epoch)
        ) WITHOUT ROWID""",
        """CREATE TABLE batches (
            run_id INTEGER NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
            idx INTEGER NOT NULL,
            step INTEGER NOT NULL,
            epoch INTEGER,
            loss REAL,
            accuracy REAL,
            samples_per_s REAL,
            elapsed_s REAL,
            PRIMARY KEY (run_id, idx)
        ) WITHOUT ROWID""",
        """CREATE TABLE samples (
            run_id INTEGER NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
            idx INTEGER NOT NULL,
            timestamp REAL,
            data_json TEXT NOT NULL,
            PRIMARY KEY (run_id, idx)
        ) WITHOUT ROWID""",
        """CREATE TABLE results (
            run_id INTEGER PRIMARY KEY REFERENCES runs (id) ON DELETE CASCADE,
            report_json TEXT,
            confusion_json TEXT,
            misclassified_json TEXT,
            result_json TEXT
        )""",
        """CREATE TABLE cards (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            sha256 TEXT NOT NULL UNIQUE,
            run_id INTEGER REFERENCES runs (id) ON DELETE CASCADE,
            origin TEXT NOT NULL CHECK (origin IN ('local', 'imported')),
            source_name TEXT,
            added_at REAL NOT NULL,
            label TEXT NOT NULL DEFAULT '',
            score REAL,
            card_json TEXT NOT NULL
        )""",
        "CREATE INDEX cards_run_id ON cards (run_id)",
    ),
)
SCHEMA_VERSION = len(MIGRATIONS)

import GRDB

/// The numbered schema migrations. Never edit one once merged: add the next.
enum SQLiteMigrations {
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1-articles") { db in
            try db.create(table: "raw_document") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("content_hash", .text).notNull().unique()
                t.column("origin", .text).notNull()
                t.column("url", .text)
                t.column("content_type", .text).notNull()
                t.column("declared_charset", .text)
                t.column("fetched_at", .datetime)
                t.column("bytes", .blob).notNull()
                t.column("ingested_at", .datetime).notNull()
            }
            try db.create(table: "article") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("raw_id", .integer).notNull().unique().references("raw_document", onDelete: .cascade)
                t.column("origin", .text).notNull()
                t.column("url", .text).indexed()
                t.column("outlet", .text).indexed()
                t.column("outlet_source", .text)
                t.column("title", .text).notNull()
                t.column("title_derived", .boolean).notNull()
                t.column("byline", .text)
                t.column("published_at", .datetime)
                t.column("published_text", .text)
                t.column("published_source", .text)
                t.column("language", .text).notNull()
                t.column("language_confidence", .double).notNull()
                t.column("body", .text).notNull()
                t.column("body_hash", .text).notNull().indexed()
                t.column("encoding", .text).notNull()
                t.column("sentences", .jsonText).notNull()
                t.column("token_count", .integer).notNull()
                t.column("produced_by", .jsonText).notNull()
                t.column("created_at", .datetime).notNull()
            }
            try db.create(table: "related_link") { t in
                t.column("article_id", .integer).notNull().references("article", onDelete: .cascade)
                t.column("position", .integer).notNull()
                t.column("title", .text).notNull()
                t.column("url", .text)
                t.column("kind", .text).notNull()
                t.primaryKey(["article_id", "position"])
            }
            // Terms are Warta's own (tokenised and stemmed in Swift); unicode61 only splits them on spaces.
            try db.create(virtualTable: "article_search", using: FTS5()) { t in
                t.tokenizer = .unicode61(diacritics: .remove)
                t.column("title_terms")
                t.column("body_terms")
            }
        }
        migrator.registerMigration("v2-page-metadata") { db in
            try db.alter(table: "article") { t in
                t.add(column: "canonical_url", .text)
                t.add(column: "modified_at", .datetime)
                t.add(column: "modified_text", .text)
                t.add(column: "modified_source", .text)
                t.add(column: "section", .text)
                t.add(column: "tags", .jsonText).notNull().defaults(to: "[]")
            }
        }
        migrator.registerMigration("v3-annotations-and-stories") { db in
            // Annotations as written by their stages (spans into the body); entity mentions also one row each,
            // for queries by name.
            try db.create(table: "annotation") { t in
                t.primaryKey("article_id", .integer).references("article", onDelete: .cascade)
                t.column("entities", .jsonText).notNull()
                t.column("quotes", .jsonText).notNull()
                t.column("dates", .jsonText).notNull()
            }
            try db.create(table: "entity_mention") { t in
                t.column("article_id", .integer).notNull().indexed().references("article", onDelete: .cascade)
                t.column("start", .integer).notNull()
                t.column("end", .integer).notNull()
                t.column("kind", .text).notNull()
                t.column("name", .text).notNull().indexed()
            }
            try db.create(table: "storyline") { t in
                t.primaryKey("id", .integer)
                t.column("title", .text).notNull()
            }
            try db.create(table: "event") { t in
                t.primaryKey("id", .integer)
                t.column("storyline_id", .integer).notNull().indexed().references("storyline")
                t.column("title", .text).notNull()
            }
            // The linker's decisions, in the order it made them (position), so its state can be rebuilt.
            try db.create(table: "article_link") { t in
                t.primaryKey("article_id", .integer).references("article", onDelete: .cascade)
                t.column("position", .integer).notNull().unique()
                t.column("event_id", .integer).notNull().indexed().references("event")
                t.column("storyline_id", .integer).notNull().references("storyline")
                t.column("duplicate_of", .integer).references("article")
            }
        }
        migrator.registerMigration("v4-entity-splits") { db in
            // A user's `warta entity split`: the alias stays apart from the entity named `entity`.
            try db.create(table: "entity_split") { t in
                t.column("entity", .text).notNull()
                t.column("alias", .text).notNull()
                t.primaryKey(["entity", "alias"])
            }
        }
        migrator.registerMigration("v5-event-merges") { db in
            // Events a decision merged into its article's event (numbers from 0, as the linker counts them).
            try db.alter(table: "article_link") { t in
                t.add(column: "merged_events", .jsonText).notNull().defaults(to: "[]")
            }
        }
        migrator.registerMigration("v6-read-models") { db in
            // Views read these rows; `ReadModelBuilder` rebuilds them all from articles and links (`rm_basis` says
            // from which), so they may be dropped and rebuilt at any time.
            try db.execute(
                sql: """
                    CREATE TABLE rm_basis (id INTEGER PRIMARY KEY CHECK (id = 1), basis TEXT NOT NULL);
                    CREATE TABLE rm_storyline (
                        id INTEGER PRIMARY KEY, title TEXT NOT NULL, first_day TEXT, last_day TEXT,
                        article_count INTEGER NOT NULL, event_count INTEGER NOT NULL, outlets TEXT NOT NULL,
                        per_day TEXT NOT NULL, top_entities TEXT NOT NULL);
                    CREATE INDEX rm_storyline_newest ON rm_storyline (last_day, id);
                    CREATE INDEX rm_storyline_largest ON rm_storyline (article_count, id);
                    CREATE TABLE rm_event (
                        id INTEGER PRIMARY KEY, storyline_id INTEGER NOT NULL, title TEXT NOT NULL, first_day TEXT,
                        last_day TEXT, article_count INTEGER NOT NULL, outlets TEXT NOT NULL);
                    CREATE INDEX rm_event_storyline ON rm_event (storyline_id);
                    CREATE TABLE rm_placement (
                        article_id INTEGER PRIMARY KEY, event_id INTEGER NOT NULL, storyline_id INTEGER NOT NULL,
                        duplicate_of INTEGER);
                    CREATE INDEX rm_placement_event ON rm_placement (event_id);
                    CREATE INDEX rm_placement_storyline ON rm_placement (storyline_id);
                    CREATE TABLE rm_entity (
                        id INTEGER PRIMARY KEY, name TEXT NOT NULL, name_key TEXT NOT NULL, kind TEXT NOT NULL,
                        article_count INTEGER NOT NULL, mention_count INTEGER NOT NULL, aliases TEXT NOT NULL,
                        merges TEXT NOT NULL, capital_of TEXT, per_day TEXT NOT NULL);
                    CREATE INDEX rm_entity_articles ON rm_entity (article_count, id);
                    CREATE TABLE rm_entity_key (
                        key TEXT NOT NULL, entity_id INTEGER NOT NULL, PRIMARY KEY (key, entity_id)) WITHOUT ROWID;
                    CREATE TABLE rm_entity_article (
                        entity_id INTEGER NOT NULL, article_id INTEGER NOT NULL, mentions INTEGER NOT NULL,
                        PRIMARY KEY (entity_id, article_id)) WITHOUT ROWID;
                    CREATE INDEX rm_entity_article_article ON rm_entity_article (article_id, entity_id);
                    CREATE TABLE rm_quote (
                        article_id INTEGER NOT NULL, position INTEGER NOT NULL, kind TEXT NOT NULL, text TEXT NOT NULL,
                        speaker TEXT, speaker_entity INTEGER, role TEXT, cue TEXT, relay TEXT NOT NULL, outlet TEXT,
                        day TEXT, storyline_id INTEGER, start INTEGER NOT NULL, end INTEGER NOT NULL,
                        PRIMARY KEY (article_id, position));
                    CREATE INDEX rm_quote_speaker ON rm_quote (speaker_entity, day);
                    CREATE INDEX rm_quote_storyline ON rm_quote (storyline_id, day);
                    CREATE INDEX rm_quote_day ON rm_quote (day, article_id);
                    CREATE TABLE rm_date (
                        article_id INTEGER NOT NULL, position INTEGER NOT NULL, iso TEXT NOT NULL,
                        granularity TEXT NOT NULL, reference TEXT, expression TEXT NOT NULL, sentence TEXT NOT NULL,
                        entities TEXT NOT NULL, storyline_id INTEGER, start INTEGER NOT NULL, end INTEGER NOT NULL,
                        PRIMARY KEY (article_id, position));
                    CREATE INDEX rm_date_storyline ON rm_date (storyline_id, iso);
                    CREATE INDEX rm_date_iso ON rm_date (iso, article_id);
                    CREATE INDEX article_published ON article (published_at, id);
                    CREATE INDEX article_link_storyline ON article_link (storyline_id);
                    """)
        }
        migrator.registerMigration("v7-change-counter") { db in
            // One counter every change a read model depends on moves, kept by triggers in the writer's own
            // transaction: a reader compares one row instead of scanning the store.
            var sql = """
                CREATE TABLE store_change (id INTEGER PRIMARY KEY CHECK (id = 1), counter INTEGER NOT NULL);
                INSERT INTO store_change (id, counter) VALUES (1, 0);
                DELETE FROM rm_basis;
                """
            for (table, event) in [
                ("article", "INSERT"), ("article", "DELETE"), ("annotation", "UPDATE"), ("article_link", "INSERT"),
                ("article_link", "UPDATE"), ("article_link", "DELETE"), ("entity_split", "INSERT"),
                ("entity_split", "DELETE"),
            ] {
                sql += """
                    CREATE TRIGGER store_change_\(table)_\(event.lowercased()) AFTER \(event) ON \(table)
                    BEGIN UPDATE store_change SET counter = counter + 1 WHERE id = 1; END;
                    """
            }
            try db.execute(sql: sql)
        }
        migrator.registerMigration("v8-entity-neighbours") { db in
            try db.execute(
                sql: """
                    CREATE TABLE rm_entity_neighbours (
                        entity_id INTEGER PRIMARY KEY, co_occurring TEXT NOT NULL, storylines TEXT NOT NULL);
                    DELETE FROM rm_basis;
                    """)
        }
        migrator.registerMigration("v9-linker-lease") { db in
            // Articles wait here until the store's one linker links them (stored with the article, deleted with
            // its link); articles a store holds unlinked (stores written before this, two ingests at once that
            // lost links) are queued again. One lease row says which process links, until when, in which epoch;
            // processes storing articles now keep a heartbeat, so the linker can wait until they are done.
            try db.execute(
                sql: """
                    CREATE TABLE pending_link (
                        article_id INTEGER PRIMARY KEY REFERENCES article (id) ON DELETE CASCADE,
                        queued_at DATETIME NOT NULL, writer TEXT);
                    INSERT INTO pending_link (article_id, queued_at)
                        SELECT id, CURRENT_TIMESTAMP FROM article
                        WHERE id NOT IN (SELECT article_id FROM article_link);
                    CREATE TABLE linker_lease (
                        id INTEGER PRIMARY KEY CHECK (id = 1), holder TEXT NOT NULL, epoch INTEGER NOT NULL,
                        expires_at REAL NOT NULL);
                    CREATE TABLE active_writer (holder TEXT PRIMARY KEY, heartbeat REAL NOT NULL);
                    """)
        }
        migrator.registerMigration("v10-crawl") { db in
            // What `warta crawl` knows: each feed's validators, schedule and health; each article URL it fetched
            // (canonical), from which feed and with what outcome, so a restart fetches nothing twice.
            try db.execute(
                sql: """
                    CREATE TABLE crawl_feed (
                        url TEXT PRIMARY KEY, etag TEXT, last_modified TEXT, body_hash TEXT,
                        next_poll REAL NOT NULL, interval REAL NOT NULL, failures INTEGER NOT NULL DEFAULT 0,
                        last_success REAL, last_error TEXT, last_error_at REAL,
                        retired INTEGER NOT NULL DEFAULT 0, added REAL NOT NULL);
                    CREATE TABLE crawl_url (
                        url TEXT PRIMARY KEY, feed TEXT NOT NULL, outcome TEXT NOT NULL,
                        article_id INTEGER REFERENCES article (id) ON DELETE SET NULL, at REAL NOT NULL);
                    CREATE INDEX crawl_url_feed ON crawl_url (feed, at);
                    """)
        }
        migrator.registerMigration("v11-follow-ups") { db in
            // The closed event a decision's new event follows up (numbers from 0, as the linker counts them).
            try db.alter(table: "article_link") { t in
                t.add(column: "follow_up_of", .integer)
            }
        }
        return migrator
    }
}

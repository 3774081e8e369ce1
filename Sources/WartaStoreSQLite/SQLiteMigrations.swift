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
        return migrator
    }
}

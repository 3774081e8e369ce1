import ArgumentParser
import Foundation
import WartaCore
import WartaStore
import WartaStoreSQLite

/// The `warta` command: the only code that prints or chooses an exit code.
@main
struct Warta: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "warta",
        abstract: "A news-intelligence engine: clean, store and search news articles.",
        discussion: """
            The database is --db PATH, else $WARTA_DB, else ./warta.sqlite.
            Every command takes --json for output that scripts can read.
            """,
        version: "0.1.0",
        subcommands: [
            DemoCommand.self, IngestCommand.self, ArticlesCommand.self, ArticleCommand.self, SearchCommand.self,
            ExtractCommand.self, StoriesCommand.self, StoryCommand.self, DuplicatesCommand.self, EntitiesCommand.self,
            EntityCommand.self, QuotesCommand.self, TimelineCommand.self, AnnotateCommand.self, ClusterCommand.self,
            LinkCommand.self, RelinkCommand.self, ServeCommand.self, EvalCommand.self, BenchCommand.self,
            TrainCommand.self, WARCCommand.self, WorkerCommand.self, QueueCommand.self,
        ] + crawlCommands
    )
}

#if Crawl
    let crawlCommands: [any ParsableCommand.Type] = [CrawlCommand.self, FeedsCommand.self, FetchCommand.self]
#else
    /// Built without the `Crawl` trait (the clustering gates' lean release build): no fetching.
    let crawlCommands: [any ParsableCommand.Type] = []
#endif

import ArgumentParser

/// `warta bench`: micro-benchmarks of single stages on files of articles.
struct BenchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench",
        abstract: "Time single stages of the engine on a file of articles.",
        subcommands: [BenchDedupCommand.self]
    )
}

import ArgumentParser

/// `barbell patterns ...`: similar-pattern search.
struct PatternsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "patterns",
        abstract: "Find past windows that resemble the latest one, and what followed them.",
        subcommands: [PatternsSimilar.self]
    )
}

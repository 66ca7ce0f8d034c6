import ArgumentParser

/// `barbell experiment`: walk-forward experiments declared in YAML, recorded in the store.
struct ExperimentCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "experiment",
        abstract: "Run walk-forward experiments from YAML and read back recorded runs.",
        subcommands: [ExperimentRunCommand.self, ExperimentList.self, ExperimentShow.self]
    )
}

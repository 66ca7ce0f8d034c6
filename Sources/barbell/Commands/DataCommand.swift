import ArgumentParser

/// `barbell data ...`: import, validate, inspect and transform market data.
struct DataCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "data",
        abstract: "Import, validate, show, resample and aggregate market data.",
        subcommands: [DataImport.self, DataValidate.self, DataShow.self, DataList.self, DataResample.self, DataAggregate.self]
    )
}

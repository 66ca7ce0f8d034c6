import ArgumentParser
import BarbellStore

/// `--store PATH|postgres://...`, shared by every command that touches the store.
struct StoreOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp(
        "SQLite file path or postgres:// URL.",
        discussion: "Defaults to $BARBELL_STORE, else ~/.barbell/barbell.sqlite."))
    var store: String?

    var location: String { store ?? defaultStorePath }

    func open() async throws -> any MarketDataStore {
        try await openMarketDataStore(location)
    }
}

import ArgumentParser
import BarbellData
import BarbellStore

/// `barbell data list`: what the store holds.
struct DataList: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list",
        abstract: "List stored series: symbol, timeframe, bar count and time range."
    )

    @OptionGroup var storeOptions: StoreOptions

    @Flag(help: "Print as JSON.")
    var json = false

    func run() async throws {
        let store = try await storeOptions.open()
        let series = try await store.listSeries()
        try await store.close()
        if json {
            try printJSON(series.map { ListedSeries(symbol: $0.symbol.name, timeframe: $0.timeframe.description, bars: $0.count,
                                                     first: $0.first.iso8601, last: $0.last.iso8601, adjustment: $0.adjustment.description) })
            return
        }
        if series.isEmpty { print("the store at \(storeOptions.location) is empty"); return }
        var table = TextTable(["symbol", "timeframe", "bars", "first", "last", "adjustment"], rightAligned: [2])
        for s in series {
            table.add([s.symbol.name, s.timeframe.description, String(s.count), s.first.display, s.last.display, s.adjustment.description])
        }
        print(table.render())
    }
}

struct ListedSeries: Encodable {
    var symbol: String
    var timeframe: String
    var bars: Int
    var first: String
    var last: String
    var adjustment: String
}

import ArgumentParser
import BarbellData
import BarbellRegimes
import Foundation

/// `barbell patterns similar FILE`: the k past windows most similar to the latest one.
struct PatternsSimilar: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "similar",
        abstract: "The past windows most similar to the latest one (z-normalised DTW), with their forward returns.",
        discussion: """
        Windows are compared after z-normalisation (shape, not level) by dynamic time warping inside \
        a Sakoe-Chiba band. Matches end before the latest window starts, are at least --exclusion \
        bars apart, and each reports the return over the --horizon bars after it. The result is \
        exactly what a brute-force search over every window gives; pruning only makes it faster.
        """
    )

    @Argument(help: "Market-data file (prices; one ticker, or pick one with --ticker).")
    var file: String

    @Option(help: "Window length in bars.")
    var window = 60

    @Option(help: "How many matches.")
    var top = 10

    @Option(help: "Sakoe-Chiba band radius in bars (default: 10% of the window).")
    var radius: Int?

    @Option(help: "Minimum bars between the starts of two matches (default: the window).")
    var exclusion: Int?

    @Option(help: "Bars after each match over which its forward return is measured.")
    var horizon = 20

    @Option(help: "Which ticker to use when the file holds several.")
    var ticker: String?

    @Flag(help: "Print JSON.")
    var json = false

    @OptionGroup var input: InputOptions

    struct Output: Encodable {
        struct Match: Encodable {
            var start: String
            var end: String
            var distance: Double
            var forwardReturn: Double
        }
        var series: String
        var window: Int
        var radius: Int
        var horizon: Int
        var query: String
        var matches: [Match]
        var forwardReturnMean: Double
        var forwardReturnMedian: Double
        var positiveShare: Double
    }

    func run() throws {
        let loaded = try MarketFile.loadBars(file, options: input.loadOptions())
        guard let series = ticker.map({ t in loaded.first { $0.series.symbol.name == t } }) ?? (loaded.count == 1 ? loaded.first : nil) else {
            let names = loaded.map(\.series.symbol.name).prefix(10).joined(separator: ", ")
            throw CommandFailure(message: ticker.map { "\(file): no ticker '\($0)' (the file has \(names))" } ?? "\(file) holds \(loaded.count) tickers (\(names)...); pick one with --ticker", exitCode: ExitStatus.usage)
        }
        let prices = series.adjClose ?? series.series.close
        let stamps = series.series.timestamps
        let search = try SimilarPatternSearch(window: window, radius: radius, exclusion: exclusion, horizon: horizon)
        let matches = try search.search(prices, top: top)
        let forward = matches.map(\.forwardReturn).sorted()
        let median = forward.isEmpty ? .nan : (forward.count % 2 == 1 ? forward[forward.count / 2] : (forward[forward.count / 2 - 1] + forward[forward.count / 2]) / 2)
        let output = Output(
            series: series.series.symbol.name, window: window, radius: search.radius, horizon: horizon,
            query: "\(stamps[prices.count - window].display) – \(stamps[prices.count - 1].display)",
            matches: matches.map { .init(start: stamps[$0.start].display, end: stamps[$0.start + window - 1].display, distance: $0.distance, forwardReturn: $0.forwardReturn) },
            forwardReturnMean: forward.isEmpty ? .nan : forward.reduce(0, +) / Double(forward.count),
            forwardReturnMedian: median,
            positiveShare: forward.isEmpty ? .nan : Double(forward.filter { $0 > 0 }.count) / Double(forward.count))
        if json { return try printJSON(output) }
        print("\(output.series): the \(window) bars \(output.query) against every earlier window (band ±\(search.radius))")
        var table = TextTable(["from", "to", "distance", "next \(horizon) bars"], rightAligned: [2, 3])
        for m in output.matches { table.add([m.start, m.end, String(format: "%.4f", m.distance), String(format: "%+.2f%%", m.forwardReturn * 100)]) }
        print(table.render())
        print(String(format: "after the matches: mean %+.2f%%, median %+.2f%%, positive %.0f%% (%d matches; history, not a forecast)",
                     output.forwardReturnMean * 100, output.forwardReturnMedian * 100, output.positiveShare * 100, matches.count))
    }
}

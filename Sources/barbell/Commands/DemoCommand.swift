import ArgumentParser
import BarbellData
import BarbellStore
import Foundation

/// `barbell demo`: a tour of what Barbell does, on the bundled samples. Grows with each release.
struct DemoCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "The whole pipeline on the bundled samples: import, validate, features, regimes, walk-forward models, a backtest with costs and its tearsheet."
    )

    @Option(help: "Folder with the bundled samples (default: Samples/ in the repository).")
    var samples: String?

    @OptionGroup var storeOptions: StoreOptions

    func run() async throws {
        let dir = try samplesFolder()
        print("Barbell demo — bundled samples in \(dir)\n")

        // 1. Validate every sample and show the data-quality summary.
        var table = TextTable(["file", "layout", "series", "rows", "first", "last", "errors", "warnings"], rightAligned: [2, 3, 6, 7])
        let files: [(String, String, MarketFileOptions)] = [
            ("arch_sp500.csv.gz", "Yahoo OHLCV", options(symbol: "SPX")),
            ("zipline_csvdir_AAPL.csv.gz", "OHLCV + dividends/splits", options(symbol: "AAPL", prices: .splits, adjust: .dividends)),
            ("zipline_quandl_sample_table.csv", "long (ticker column)", options(symbol: nil)),
            ("skfolio_sp500_dataset.csv.gz", "wide close matrix", options(symbol: nil)),
        ]
        var loadedByFile: [String: [LoadedSeries]] = [:]
        for (name, layout, opts) in files {
            let loaded = try MarketFile.loadBars(dir + "/" + name, options: opts)
            loadedByFile[name] = loaded
            let reports = loaded.map { s in
                var v = ValidationOptions()
                v.calendar = CalendarChoice.auto.calendar(for: s.series)
                return BarValidator(options: v).validate(s)
            }
            table.add([name, layout, String(loaded.count), String(loaded.map(\.count).reduce(0, +)),
                       loaded.compactMap(\.series.timestamps.first).min()?.display ?? "-",
                       loaded.compactMap(\.series.timestamps.last).max()?.display ?? "-",
                       String(reports.map(\.errorCount).reduce(0, +)), String(reports.map(\.warningCount).reduce(0, +))])
        }
        print("1. Validation (errors block imports; warnings are gaps, outliers, stale runs)")
        print(table.render() + "\n")

        // 2. Trades from a Binance capture → 1-minute bars.
        let capture = dir + "/hftbacktest_binance-spot_btcusdt_20240808.txt.gz"
        let trades = try MarketFile.loadTrades(capture, format: .binance, symbol: "BTCUSDT", timeSource: .exchange)
        let minuteBars = try TradeBars.aggregate(trades, rule: .time(.oneMinute))
        let volumeBars = try TradeBars.aggregate(trades, rule: .volume(5))
        print("2. Aggregation: \(trades.count) BTCUSDT trades → \(minuteBars.count) one-minute bars, \(volumeBars.count) five-BTC volume bars")
        var barTable = TextTable(["minute (UTC)", "open", "high", "low", "close", "volume", "vwap", "trades"], rightAligned: [1, 2, 3, 4, 5, 6, 7])
        for i in 0..<minuteBars.count {
            barTable.add([minuteBars.timestamps[i].iso8601, formatNumber(minuteBars.open[i]), formatNumber(minuteBars.high[i]),
                          formatNumber(minuteBars.low[i]), formatNumber(minuteBars.close[i]), String(format: "%.4f", minuteBars.volume[i]),
                          String(format: "%.2f", minuteBars.vwap?[i] ?? .nan), String(minuteBars.tradeCount?[i] ?? 0)])
        }
        print(barTable.render() + "\n")

        // 3. Store: transactional, idempotent import into the embedded SQLite store.
        let store = try await storeOptions.open()
        var tearsheet = ""
        do {
            let toStore = (loadedByFile["arch_sp500.csv.gz"] ?? []).map(\.series) + (loadedByFile["zipline_csvdir_AAPL.csv.gz"] ?? []).map(\.series) + [minuteBars]
            let first = try await store.importBars(toStore, source: "barbell demo", replace: false)
            let again = try await store.importBars(toStore, source: "barbell demo", replace: false)
            print("3. Store \(storeOptions.location): imported \(first.rowsInserted) new bars (\(first.rowsPresent) already there); importing again added \(again.rowsInserted)")

            // 4. Resampling straight from the store.
            let spx = try await store.bars(symbol: "SPX", timeframe: .oneDay, from: Timestamp(year: 2018, month: 10, day: 1), to: nil)
            let weekly = try spx.resampled(to: Timeframe(1, .week))
            print("\n4. Resampling: SPX daily → weekly, Q4 2018 (\(spx.count) daily bars → \(weekly.count) weekly)")
            var weekTable = TextTable(["week of", "open", "high", "low", "close", "return"], rightAligned: [1, 2, 3, 4, 5])
            for i in weekly.count > 6 ? (weekly.count - 6)..<weekly.count : 0..<weekly.count {
                let r = i > 0 ? weekly.close[i] / weekly.close[i - 1] - 1 : .nan
                weekTable.add([weekly.timestamps[i].display, formatNumber(weekly.open[i]), formatNumber(weekly.high[i]),
                               formatNumber(weekly.low[i]), formatNumber(weekly.close[i]), r.isNaN ? "-" : String(format: "%+.2f%%", r * 100)])
            }
            print(weekTable.render())

            print("\n5. What the store holds")
            var listTable = TextTable(["symbol", "timeframe", "bars", "first", "last", "adjustment"], rightAligned: [2])
            for s in try await store.listSeries() {
                listTable.add([s.symbol.name, s.timeframe.description, String(s.count), s.first.display, s.last.display, s.adjustment.description])
            }
            print(listTable.render())

            // 6. Features on the stored SPX history, batch and streaming.
            let history = try await store.bars(symbol: "SPX", timeframe: .oneDay, from: nil, to: nil)
            print("\n" + (try DemoFeatures.summary(history)))
            print("\n" + (try DemoRisk.summary(spx: history, stocks: loadedByFile["skfolio_sp500_dataset.csv.gz"] ?? [], samples: dir)))
            print("\n" + (try DemoRegimes.summary(spx: history)))
            print("\n" + (try DemoNeural.summary(spx: history)))
            let experiment = try await DemoExperiment.run(stocks: loadedByFile["skfolio_sp500_dataset.csv.gz"] ?? [], store: storeOptions.location)
            print("\n" + experiment.text)

            // 11. The models' out-of-sample scores as trades, with costs, against buy and hold.
            let home = URL(fileURLWithPath: storeOptions.location.contains("://") ? defaultStorePath : storeOptions.location).deletingLastPathComponent()
            let backtest = try DemoBacktest.summary(
                panel: experiment.panel, predictions: experiment.modelNames.map { ($0, experiment.predictions[$0] ?? []) },
                primary: "ensemble", control: DemoExperiment.controlName, artifact: experiment.artifact, trials: experiment.trials,
                reportFolder: home.appendingPathComponent("reports"))
            print("\n" + backtest.text)
            tearsheet = backtest.tearsheet
            try await store.close()
        } catch {
            try? await store.close()
            throw error
        }
        print("\nNext: `barbell data --help` for import, validate, show, list, resample and aggregate; `barbell features list` for every feature; `barbell risk`, `barbell portfolio` and `barbell options` for the quant core; `barbell regime` for regimes; `barbell nn` for the neural-network zoo; `barbell experiment` and `barbell tune` for walk-forward experiments and studies; `barbell backtest` for backtests and sweeps; `barbell metrics` for any return series.")
        // The last line says where the report is.
        print("\ntearsheet: \(tearsheet)")
    }

    func options(symbol: String?, prices: PriceAdjustment = .none, adjust: PriceAdjustmentMethod? = nil) -> MarketFileOptions {
        var o = MarketFileOptions()
        o.csv.symbol = symbol.map { Symbol($0) }
        o.csv.adjustment = prices
        o.adjust = adjust
        return o
    }

    /// `--samples`, else `Samples/` in the working directory, else beside the executable's
    /// repository (`.build/release/barbell` → `Samples/`).
    func samplesFolder() throws -> String {
        if let samples { return samples }
        let fm = FileManager.default
        let candidates = [fm.currentDirectoryPath + "/Samples",
                          URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
                            .deletingLastPathComponent().appendingPathComponent("../../../Samples").standardized.path,
                          URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
                            .deletingLastPathComponent().appendingPathComponent("../../Samples").standardized.path]
        guard let found = candidates.first(where: { fm.fileExists(atPath: $0 + "/arch_sp500.csv.gz") }) else {
            throw CommandFailure(message: "cannot find the bundled samples; run from the repository root or pass --samples DIR", exitCode: ExitStatus.usage)
        }
        return found
    }
}

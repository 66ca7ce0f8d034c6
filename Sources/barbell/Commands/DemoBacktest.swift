import BarbellBacktest
import BarbellData
import BarbellLearning
import Foundation

/// Step 11 of `barbell demo`: the walk-forward models' out-of-sample scores drive a TopK-dropout
/// portfolio with costs against equal-weight buy and hold, judged with the honesty statistics,
/// and written up as a tearsheet.
enum DemoBacktest {
    /// - Parameters:
    ///   - predictions: each model's out-of-sample predictions, in table order.
    ///   - primary: the model whose strategy gets the full report and tearsheet.
    ///   - artifact: that model's saved artifact, for the tearsheet's feature importance.
    ///   - trials: model configurations tried (the deflated Sharpe ratio's trial count).
    ///   - control: the shuffled-label control's name: traded and shown, but not a candidate in
    ///     the overfitting statistic.
    static func summary(panel: [BarSeries], predictions: [(name: String, predictions: [BarPrediction])], primary: String,
                        control: String?, artifact: String?, trials: Int, reportFolder: URL) throws -> (text: String, tearsheet: String) {
        guard let first = predictions.flatMap(\.predictions).map(\.timestamp).min() else {
            throw CommandFailure(message: "demo: the experiment produced no out-of-sample predictions to trade")
        }
        // Trade only where every model is out of sample: from the first test bar on.
        let window = panel.map { $0.slice(from: first) }
        var configuration = BacktestConfiguration(name: "demo-topk-\(primary)", seed: 7, data: .init(files: []),
                                                  strategy: .init(type: "signals"))
        configuration.portfolio.rule = "topk-dropout"
        configuration.portfolio.k = 5
        configuration.portfolio.drop = 1
        configuration.costs.commissionBps = 5
        configuration.costs.slippage = {
            var s = BacktestConfiguration.SlippageSection()
            s.model = "fixed"
            s.bps = 5
            return s
        }()
        let runner = BacktestRunner(configuration)
        let grid = try PriceGrid(series: window)
        let settings = try runner.executionSettings(grid: grid)
        let rule = try runner.portfolio(periodsPerYear: settings.periodsPerYear)

        var table = TextTable(["strategy", "total return", "CAGR", "Sharpe", "max drawdown", "turnover/yr", "costs"], rightAligned: [1, 2, 3, 4, 5, 6])
        var returnsByModel: [[Double]] = []
        var sharpeByName: [String: Double] = [:]
        var primaryRun: BacktestRun?
        for (name, modelPredictions) in predictions {
            let scores = try ScoreMatrix(predictions: modelPredictions, grid: grid, source: "\(name) predictions")
            let targets = try rule.targets(scores: scores, grid: grid)
            let result = try EventEngine(grid: grid, settings: settings).run(TargetWeightStrategy(targets: targets))
            let returns = try Returns(result.returns, periodsPerYear: settings.periodsPerYear)
            if name != control { returnsByModel.append(returns.values) }
            sharpeByName[name] = returns.sharpeRatio()
            let turnover = try PathStatistics(equity: result.equity, grossExposure: result.grossExposure,
                                              tradedValue: result.tradedValue, periodsPerYear: settings.periodsPerYear).annualTurnover
            table.add(["TopK-dropout on \(name)", String(format: "%+.1f%%", returns.totalReturn * 100), String(format: "%+.1f%%", returns.annualReturn * 100),
                       String(format: "%.2f", returns.sharpeRatio()), String(format: "%.1f%%", returns.maxDrawdown * 100),
                       String(format: "%.1f×", turnover),
                       String(format: "%.2f%%", (result.ledger.commissionPaid + result.ledger.slippagePaid) / settings.initialCash * 100)])
            if name == primary {
                var c = configuration
                c.benchmark = .buyAndHold
                let (benchmark, benchmarkName) = try BacktestRunner(c).benchmarkEquity(grid: grid, settings: settings)
                primaryRun = BacktestRun(configuration: c, grid: grid, settings: settings, result: result, benchmarkEquity: benchmark,
                                         benchmarkName: benchmarkName, targets: targets,
                                         notes: ["the data has closes only: an order decided at a close fills at the next day's close",
                                                 "scores are the walk-forward models' out-of-sample predictions; TopK-dropout k = 5, one name replaced per day at most"],
                                         artifact: artifact)
            }
        }
        guard let run = primaryRun, let benchmark = run.benchmarkEquity else {
            throw CommandFailure(message: "demo: no predictions of \(primary) to backtest")
        }
        let hold = try Returns(BacktestReport.simpleReturns(benchmark, initial: settings.initialCash), periodsPerYear: settings.periodsPerYear)
        table.add(["equal-weight buy and hold", String(format: "%+.1f%%", hold.totalReturn * 100), String(format: "%+.1f%%", hold.annualReturn * 100),
                   String(format: "%.2f", hold.sharpeRatio()), String(format: "%.1f%%", hold.maxDrawdown * 100), "-", "-"])

        // How likely the best-looking model strategy is to be overfit, across the models compared.
        let matrix = (0..<grid.barCount).map { t in returnsByModel.map { $0[t] } }
        let pbo = returnsByModel.count >= 2 ? try? BacktestOverfitting(returns: matrix, blocks: 8).probability : nil
        let options = ReportOptions(trials: trials, bootstrap: 1000, seed: 7, regimes: 3, probabilityOfOverfitting: pbo)
        let (report, regimes) = try BacktestReport.make(run, options: options)
        let importance = try artifact.flatMap { try ModelImportance.permutation(artifact: $0, panel: panel, seed: 7) }
        let tearsheet = try report.tearsheet(run: run, regimes: regimes, featureImportance: importance, generatedBy: "barbell demo \(CodeVersion.current)")
        try FileManager.default.createDirectory(at: reportFolder, withIntermediateDirectories: true)
        let html = reportFolder.appendingPathComponent("demo-tearsheet.html")
        try Tearsheet.write(tearsheet, htmlTo: html, jsonTo: reportFolder.appendingPathComponent("demo-tearsheet.json"))

        var text = "11. Backtest: each model's out-of-sample scores drive a TopK-dropout portfolio (5 names of \(grid.symbolCount)) from "
        text += "\(grid.timestamps[0].display) to \(grid.timestamps[grid.barCount - 1].display), 5 bps commission + 5 bps slippage, next-day fills\n"
        text += table.render() + "\n"
        text += "Risk and honesty of TopK-dropout on \(primary):\n"
        var honesty = TextTable(["statistic", "value", "meaning"], rightAligned: [1])
        for row in report.statisticRows where ["Daily VaR 95%", "Daily CVaR 95%", "Max drawdown", "Beta", "Hit rate"].contains(row.name) {
            honesty.add([row.name, row.formatted, row.note ?? ""])
        }
        for row in report.honestyRows { honesty.add([row.name, row.formatted, row.note ?? ""]) }
        text += honesty.render() + "\n"
        text += verdict(report: report, primary: primary, control: control, sharpeByName: sharpeByName) + "\n"
        text += "Every figure is out of sample and after costs; past performance promises nothing."
        return (text, html.path)
    }

    /// What the numbers say, in words: skill needs the control beaten and luck ruled out.
    static func verdict(report: BacktestReport, primary: String, control: String?, sharpeByName: [String: Double]) -> String {
        var reasons: [String] = []
        if let control, let c = sharpeByName[control], let p = sharpeByName[primary], c >= p {
            reasons.append("the shuffled-label control trades as well (Sharpe \(String(format: "%.2f", c)) against \(String(format: "%.2f", p)))")
        }
        if let dsr = report.honesty.deflatedSharpe, dsr < 0.95 {
            reasons.append("the deflated Sharpe ratio \(String(format: "%.2f", dsr)) is below 0.95")
        }
        if let pbo = report.honesty.probabilityOfOverfitting, pbo > 0.5 {
            reasons.append("the model picked in sample is below the median out of sample in \(String(format: "%.0f", pbo * 100))% of the splits")
        }
        guard !reasons.isEmpty else {
            return "Verdict: \(primary) beats the control and survives deflation and the overfitting test on these four years; more data would still be needed to call it skill."
        }
        return "Verdict: no evidence of skill: " + reasons.joined(separator: "; ") + ". What the strategy earned is the stocks' market exposure, which buy and hold gets without the costs."
    }
}

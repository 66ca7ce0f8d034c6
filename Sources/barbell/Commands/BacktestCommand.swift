import ArgumentParser

/// `barbell backtest CONFIG.yaml` (run) and `barbell backtest sweep CONFIG.yaml --grid …`.
struct BacktestCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "backtest",
        abstract: "Backtest a strategy with costs against a benchmark, with honesty statistics and an HTML tearsheet.",
        subcommands: [BacktestRunCommand.self, BacktestSweepCommand.self],
        defaultSubcommand: BacktestRunCommand.self
    )
}

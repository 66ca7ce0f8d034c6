import ArgumentParser
import BarbellBacktest
import BarbellData
import BarbellLearning
import BarbellQuant
import BarbellTorch
import Foundation

/// The `barbell` command: `barbell <group> <verb>`.
///
/// Exit codes: 0 success, 1 usage error, 2 data or model error.
@main
struct Barbell: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "barbell",
        abstract: "Machine-learning trading research and production, in one native Swift stack.",
        version: "0.1.0",
        subcommands: [DataCommand.self, FeaturesCommand.self, RiskCommand.self, PortfolioCommand.self, OptionsCommand.self, RegimeCommand.self, PatternsCommand.self, NNCommand.self, ExperimentCommand.self, Tune.self, ModelCommand.self, BacktestCommand.self, MetricsCommand.self, DemoCommand.self]
    )

    static func main() async {
        do {
            var command = try parseAsRoot()
            if var asyncCommand = command as? AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
        } catch let error as DataError {
            FileHandle.standardError.write(Data("error: \(error)\n".utf8))
            Foundation.exit(ExitStatus.dataError)
        } catch let error as QuantError {
            // Model errors (a fit that failed, too little data, an infeasible portfolio) are exit 2.
            FileHandle.standardError.write(Data("error: \(error)\n".utf8))
            Foundation.exit(ExitStatus.dataError)
        } catch let error as TorchError {
            // A model that cannot be built or run on this data (shapes, weights files, settings).
            FileHandle.standardError.write(Data("error: \(error)\n".utf8))
            Foundation.exit(ExitStatus.dataError)
        } catch let error as LearningError {
            // A configuration field out of its domain is a usage error; anything the data or a
            // model did (too few rows, non-finite values, leakage, no convergence) is exit 2.
            FileHandle.standardError.write(Data("error: \(error.message)\n".utf8))
            Foundation.exit(error.code == .invalidArgument ? ExitStatus.usage : ExitStatus.dataError)
        } catch let error as BacktestError {
            // A configuration or parameter out of its domain is a usage error; data that cannot be
            // backtested (misaligned, non-finite, too short, malformed) is exit 2.
            FileHandle.standardError.write(Data("error: \(error.message)\n".utf8))
            Foundation.exit(error.code == .invalidArgument ? ExitStatus.usage : ExitStatus.dataError)
        } catch let error as CommandFailure {
            FileHandle.standardError.write(Data("error: \(error.message)\n".utf8))
            Foundation.exit(error.exitCode)
        } catch {
            // Help, version and usage errors come from ArgumentParser.
            let code = exitCode(for: error)
            if code == .success { exit(withError: error) }
            FileHandle.standardError.write(Data((fullMessage(for: error) + "\n").utf8))
            Foundation.exit(ExitStatus.usage)
        }
    }
}

/// Barbell's exit status convention.
enum ExitStatus {
    static let ok: Int32 = 0
    static let usage: Int32 = 1
    static let dataError: Int32 = 2
}

/// A failure that has already been explained to the user, with the status to exit with.
struct CommandFailure: Error {
    var message: String
    var exitCode: Int32 = ExitStatus.dataError
}

import ArgumentParser
import BarbellQuant
import Foundation

/// `barbell risk garch FILE`: fit a GARCH, GJR-GARCH or EGARCH model to a return series.
struct RiskGarch: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "garch",
        abstract: "Fit GARCH, GJR-GARCH or EGARCH by maximum likelihood (arch-compatible).",
        discussion: """
        Returns (from prices, simple by default) are multiplied by --scale (100: percent, as arch \
        recommends) and fitted with arch 8's likelihood, bounds, constraints and starting values. \
        Parameters carry arch's names (mu, omega, alpha[1], gamma[1], beta[1], nu; eta, lambda for \
        the skewed t); standard errors are arch's robust (Bollerslev-Wooldridge) ones unless \
        --classic. Forecasts are of the variance of the scaled returns; EGARCH forecasts beyond one \
        step are simulated (--simulations paths, --seed).
        """
    )

    enum ModelName: String, ExpressibleByArgument, CaseIterable { case garch, gjr, egarch }

    @Argument(help: "Market-data file (CSV, optionally .gz, or candle JSON) with prices or returns.")
    var file: String

    @Option(help: "Volatility model: garch, gjr (GJR-GARCH) or egarch.")
    var model: ModelName = .garch

    @Option(help: "Innovation distribution: normal, t (Student) or skewt (Hansen).")
    var dist: GARCHModel.Innovations = .normal

    @Option(help: "Conditional mean: constant or zero.")
    var mean: GARCHModel.Mean = .constant

    @Option(help: "Multiply returns by this before fitting (100 = percent returns).")
    var scale: Double = 100

    @Option(help: "ARCH order p (default 1).")
    var p: Int = 1

    @Option(help: "Asymmetric order o (default 1 for gjr and egarch, 0 for garch).")
    var o: Int?

    @Option(help: "GARCH order q (default 1).")
    var q: Int = 1

    @Option(help: "Variance forecast horizon in steps (0 for none).")
    var horizon: Int = 1

    @Option(help: "Simulated paths for EGARCH forecasts beyond one step.")
    var simulations: Int = 1000

    @Option(help: "Seed for simulated forecasts.")
    var seed: UInt64 = 0

    @Flag(help: "Classic (inverse-Hessian) standard errors instead of robust ones.")
    var classic = false

    @Flag(help: "Print JSON instead of a table.")
    var json = false

    @OptionGroup var quant: QuantInputOptions

    func validate() throws {
        guard scale.isFinite, scale > 0 else { throw ValidationError("--scale must be a positive number, got \(scale)") }
        guard horizon >= 0 else { throw ValidationError("--horizon must be 0 or more, got \(horizon)") }
        guard simulations >= 1 else { throw ValidationError("--simulations must be at least 1, got \(simulations)") }
        guard (0...20).contains(p), (0...20).contains(q), (0...20).contains(o ?? 0) else { throw ValidationError("--p, --o and --q must be between 0 and 20") }
    }

    var garchModel: GARCHModel {
        switch model {
        case .garch: GARCHModel(process: .garch, p: p, o: o ?? 0, q: q, mean: mean, innovations: dist)
        case .gjr: GARCHModel(process: .garch, p: p, o: o ?? 1, q: q, mean: mean, innovations: dist)
        case .egarch: GARCHModel(process: .egarch, p: p, o: o ?? 1, q: q, mean: mean, innovations: dist)
        }
    }

    func run() throws {
        let series = try quant.loadReturns(file)
        let returns = series.returns.map { $0 * scale }
        if let advice = GARCHModel.scaleAdvice(returns) {
            let variance = returns.isEmpty ? 0 : returns.reduce(0) { $0 + $1 * $1 } / Double(returns.count)
            FileHandle.standardError.write(Data("warning: the scaled returns are poorly scaled (mean square \(formatNumber(variance))); the optimiser works best with a variance between 1 and 1000: try --scale \(formatNumber(scale * advice))\n".utf8))
        }
        let m = garchModel
        let fit = try m.fit(returns)
        let errors = try fit.standardErrors(classic ? .classic : .robust)
        let forecast = horizon > 0 ? try fit.forecastVariance(horizon: horizon, simulations: simulations, seed: seed) : []
        let report = GarchReport(fit: fit, errors: errors, covariance: classic ? "classic" : "robust", forecast: forecast,
                                 forecastMethod: m.process == .egarch && horizon > 1 ? "simulation" : "analytic",
                                 ticker: series.name, scale: scale)
        if json {
            try printJSON(report)
        } else {
            print(report.render(names: m.parameterNames))
        }
    }
}

/// What `barbell risk garch` prints.
struct GarchReport: Encodable {
    var ticker: String
    var model: String
    var distribution: String
    var mean: String
    var orders: [String: Int]
    var scale: Double
    var parameters: [String: Double]
    var standardErrors: [String: Double]
    var covarianceType: String
    var logLikelihood: Double
    var aic: Double
    var bic: Double
    var observations: Int
    var converged: Bool
    var lastVolatility: Double
    var forecast: [Double]
    var forecastMethod: String
    private var values: [Double]
    private var errors: [Double]

    enum CodingKeys: String, CodingKey {
        case ticker, model, distribution, mean, orders, scale, parameters, observations, converged, forecast, aic, bic
        case standardErrors = "standard_errors", covarianceType = "covariance_type", logLikelihood = "log_likelihood"
        case lastVolatility = "last_volatility", forecastMethod = "forecast_method"
    }

    init(fit: GARCHFit, errors: [Double], covariance: String, forecast: [Double], forecastMethod: String, ticker: String, scale: Double) {
        self.ticker = ticker
        model = fit.model.name
        distribution = fit.model.innovations.rawValue
        mean = fit.model.mean.rawValue
        orders = ["p": fit.model.p, "o": fit.model.o, "q": fit.model.q]
        self.scale = scale
        parameters = fit.namedParameters
        standardErrors = Dictionary(uniqueKeysWithValues: zip(fit.parameterNames, errors))
        covarianceType = covariance
        logLikelihood = fit.logLikelihood
        aic = fit.aic
        bic = fit.bic
        observations = fit.observations
        // A fit that did not converge throws; a report exists only for a converged one.
        converged = true
        lastVolatility = fit.conditionalVolatility.last ?? .nan
        self.forecast = forecast
        self.forecastMethod = forecastMethod
        values = fit.parameters
        self.errors = errors
    }

    func render(names: [String]) -> String {
        var table = TextTable(["parameter", "value", "std err", "t", "P>|t|"], rightAligned: [1, 2, 3, 4])
        for (i, name) in names.enumerated() {
            let t = values[i] / errors[i]
            table.add([name, formatNumber(values[i]), formatNumber(errors[i]), String(format: "%.3f", t),
                       String(format: "%.4f", 2 * StandardNormal.survival(abs(t)))])
        }
        var lines = ["\(ticker): \(model)(\(orders["p"]!),\(orders["o"]!),\(orders["q"]!)), \(distribution) innovations, \(mean) mean, returns × \(formatNumber(scale))", "", table.render(), ""]
        lines.append("log-likelihood \(String(format: "%.4f", logLikelihood))   AIC \(String(format: "%.4f", aic))   BIC \(String(format: "%.4f", bic))   observations \(observations)   (\(covarianceType) standard errors)")
        lines.append("last volatility \(formatNumber(lastVolatility))")
        if !forecast.isEmpty {
            lines.append("variance forecast (\(forecastMethod)), h=1…\(forecast.count): " + forecast.map(formatNumber).joined(separator: " "))
        }
        return lines.joined(separator: "\n")
    }
}

extension GARCHModel.Innovations: ExpressibleByArgument {}
extension GARCHModel.Mean: ExpressibleByArgument {}

import ArgumentParser
import BarbellData
import BarbellQuant
import Foundation

/// Black-Litterman for `barbell portfolio optimize`: the views file and the model built from it.
extension PortfolioOptimize {
    /// The views file: absolute and relative views, confidences (Idzorek) or He-Litterman's default Ω.
    struct Views: Decodable {
        struct Relative: Decodable { var long: String; var short: String; var `return`: Double }
        var absolute: [String: Double]?
        var relative: [Relative]?
        var confidences: [Double]?
        var market_caps: [String: Double]?
        var risk_aversion: Double?
        var tau: Double?
    }

    func blackLitterman(sigma: Matrix, tickers: [String]) throws -> BlackLittermanModel {
        let data = try Data(contentsOf: URL(fileURLWithPath: views!))
        let v: Views
        do { v = try JSONDecoder().decode(Views.self, from: data) } catch {
            throw ValidationError("\(views!): not a views JSON file (\(error))")
        }
        let n = tickers.count
        var rows: [[Double]] = [], q: [Double] = []
        func index(_ t: String) throws -> Int {
            guard let k = tickers.firstIndex(of: t) else { throw ValidationError("views name unknown ticker '\(t)'") }
            return k
        }
        // Absolute views in ticker order of the file's keys, sorted for a stable P.
        for (t, r) in (v.absolute ?? [:]).sorted(by: { $0.key < $1.key }) {
            var row = [Double](repeating: 0, count: n); row[try index(t)] = 1
            rows.append(row); q.append(r)
        }
        for rel in v.relative ?? [] {
            var row = [Double](repeating: 0, count: n); row[try index(rel.long)] = 1; row[try index(rel.short)] = -1
            rows.append(row); q.append(rel.return)
        }
        guard !rows.isEmpty else { throw ValidationError("\(views!) holds no views") }
        let delta = v.risk_aversion ?? 1
        let caps = try tickers.map { t -> Double in
            guard let caps = v.market_caps else { return 1 }
            guard let c = caps[t] else { throw ValidationError("market_caps lacks ticker '\(t)'") }
            return c
        }
        let prior = try BlackLittermanModel.marketImpliedPriorReturns(marketCaps: caps, riskAversion: delta, covariance: sigma, riskFreeRate: riskFree)
        let uncertainty: BlackLittermanModel.ViewUncertainty = v.confidences.map { .idzorek(confidences: $0) } ?? .proportionalToPrior
        return try BlackLittermanModel(covariance: sigma, prior: prior, picking: Matrix(rows), views: q, uncertainty: uncertainty, tau: v.tau ?? 0.05)
    }
}

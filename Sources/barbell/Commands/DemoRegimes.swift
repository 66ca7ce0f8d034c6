import BarbellData
import BarbellRegimes
import Foundation

/// Step 8 of `barbell demo`: cycles and similar past patterns of the bundled S&P 500.
enum DemoRegimes {
    static func summary(spx: BarSeries) throws -> String {
        var lines = ["8. Regimes, cycles and patterns: S&P 500"]
        let dailyReturns = zip(spx.close, spx.close.dropFirst()).map { $1 / $0 - 1 }
        let regimes = try RegimeAnalysis(returns: dailyReturns, features: [.returns, .volatility], states: 4...4,
                                         covariance: .diag, restarts: 3, seed: 42)
        let reading = try regimes.ensemble()
        let regimeStamps = Array(spx.timestamps.suffix(regimes.returns.count))
        let last = reading.regimes.count - 1
        lines.append("   4-state Gaussian HMM on [return, 21-day volatility], states named "
                     + zip(regimes.labels, regimes.statistics).map { String(format: "%@ (%+.0f%%/yr, vol %.0f%%)", $0.rawValue as NSString, $1.annualisedReturn * 100, $1.annualisedVolatility * 100) }.joined(separator: ", "))
        lines.append(String(format: "   current regime on %@: %@ (confidence %.2f); last changes: ", regimeStamps[last].display as NSString,
                            reading.regimes[last].rawValue as NSString, reading.confidence[last])
                     + reading.history.suffix(5).map { "\(regimeStamps[$0.index].display) → \($0.to.rawValue)" }.joined(separator: ", "))
        // Cycles of weekly returns: the price level of a random walk has a red spectrum whose
        // "strongest cycle" is always the sample length, so only stationary returns are honest.
        let weekly = try spx.resampled(to: Timeframe(1, .week))
        let weeklyReturns = zip(weekly.close, weekly.close.dropFirst()).map { Foundation.log($1 / $0) }
        let cycles = try DominantCycles(weeklyReturns, count: 3)
        lines.append("   strongest cycles of weekly returns (\(weeklyReturns.count) weeks): "
                     + cycles.cycles.map { String(format: "%.1f weeks (%.1f%% of variance)", $0.period, $0.varianceShare * 100) }.joined(separator: ", "))
        lines.append(String(format: "   Fisher's g for the largest peak: g = %.4f, p = %.2g — %@", cycles.fisherG, cycles.fisherPValue,
                            (cycles.fisherPValue < 0.05 ? "a significant periodicity" : "not significant: no reliable cycle") as NSString))
        let returns = zip(spx.close, spx.close.dropFirst()).map { $1 / $0 - 1 }
        let daily = try DominantCycles(returns, count: 1)
        lines.append(String(format: "   daily returns: largest peak at %.1f days, Fisher p = %.2g", daily.cycles[0].period, daily.fisherPValue))

        let search = try SimilarPatternSearch(window: 60, horizon: 20)
        let matches = try search.search(spx.close, top: 5)
        let stamps = spx.timestamps
        lines.append("   the last 60 days' most similar past windows (z-normalised DTW) and the next 20 days after each:")
        for m in matches {
            lines.append(String(format: "     %@ – %@  distance %.3f  then %+.1f%%", stamps[m.start].display as NSString,
                                stamps[m.start + 59].display as NSString, m.distance, m.forwardReturn * 100))
        }
        return lines.joined(separator: "\n")
    }
}

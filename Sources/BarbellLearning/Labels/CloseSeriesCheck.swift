import Foundation

/// Shared input checks for label builders: every close must be a finite positive price, because
/// returns divide by it (and log returns take its logarithm). The message names the first bad bar.
enum CloseSeriesCheck {
    static func validate(_ close: [Double]) throws(LearningError) {
        for (i, c) in close.enumerated() {
            guard c.isFinite else {
                throw LearningError(.nonFinite, "close at bar \(i) is \(c): expected a finite price")
            }
            guard c > 0 else {
                throw LearningError(.invalidArgument, "close at bar \(i) is \(c): expected a price > 0")
            }
        }
    }

    static func horizon(_ h: Int, barCount n: Int) throws(LearningError) {
        guard h >= 1 else {
            throw LearningError(.invalidArgument, "horizon \(h): expected at least 1 bar")
        }
        guard n > h else {
            throw LearningError(.insufficientData, "\(n) closes with horizon \(h): expected more than \(h) bars")
        }
    }
}

import Foundation

/// The periodogram of an evenly spaced series through FFTW, the same quantity as
/// `scipy.signal.periodogram` with a boxcar window and a one-sided spectrum.
public struct Periodogram: Sendable, Equatable {
    /// What is removed from the series before the transform (scipy's `detrend`).
    public enum Detrend: String, Sendable {
        /// No detrending (`detrend=False`).
        case none
        /// Subtract the mean (`'constant'`, scipy's default).
        case constant
        /// Subtract the least-squares line on the index (`'linear'`).
        case linear
    }

    /// Units of the ordinates (scipy's `scaling`).
    public enum Scaling: String, Sendable {
        /// Power spectral density, units²/frequency: |X_k|² / (fs·n).
        case density
        /// Power spectrum, units²: |X_k|² / n²; the one-sided ordinates after the zero frequency
        /// add up to the (biased) variance of a mean-removed series.
        case spectrum
    }

    /// Frequencies k·fs/n for k = 0 … ⌊n/2⌋.
    public let frequencies: [Double]
    /// One-sided power at each frequency (doubled except at zero and, for even n, Nyquist).
    public let power: [Double]

    /// Computes the periodogram of `x` sampled at `samplingFrequency` (bars per unit time; 1 gives
    /// frequencies in cycles per bar).
    /// - Throws: `insufficientData` for fewer than 2 values, `nonFinite` for NaN or infinity,
    ///   `invalidArgument` for a sampling frequency that is not finite and positive.
    public init(_ x: [Double], samplingFrequency: Double = 1, detrend: Detrend = .constant,
                scaling: Scaling = .density) throws {
        try CycleValidation.minimumCount(x, 2, "x", "a periodogram")
        try CycleValidation.finite(x, "x")
        guard samplingFrequency.isFinite, samplingFrequency > 0 else {
            throw RegimeError(.invalidArgument, "samplingFrequency is \(samplingFrequency); expected finite > 0")
        }
        let n = x.count
        let y = Periodogram.detrended(x, detrend)
        let spectrum = RealFFT.plan(count: n).forward(y)
        let scale = scaling == .density ? 1 / (samplingFrequency * Double(n)) : 1 / Double(n * n)
        var p = spectrum.map { ($0.re * $0.re + $0.im * $0.im) * scale }
        // One-sided: fold the negative frequencies onto the positive ones; the zero frequency and
        // (even n) the Nyquist frequency have no mirror image.
        let last = n % 2 == 0 ? p.count - 1 : p.count
        for k in 1..<last { p[k] *= 2 }
        power = p
        frequencies = (0..<p.count).map { Double($0) * samplingFrequency / Double(n) }
    }

    /// `x` less its mean or least-squares line, as scipy.signal.detrend does.
    static func detrended(_ x: [Double], _ detrend: Detrend) -> [Double] {
        let n = Double(x.count)
        switch detrend {
        case .none:
            return x
        case .constant:
            let mean = x.reduce(0, +) / n
            return x.map { $0 - mean }
        case .linear:
            // Centred index, so the slope and intercept are uncorrelated and well conditioned.
            let tBar = (n - 1) / 2, mean = x.reduce(0, +) / n
            var sxy = 0.0, sxx = 0.0
            for (i, v) in x.enumerated() {
                let t = Double(i) - tBar
                sxy += t * (v - mean)
                sxx += t * t
            }
            let slope = sxy / sxx
            return x.enumerated().map { $1 - mean - slope * (Double($0) - tBar) }
        }
    }
}

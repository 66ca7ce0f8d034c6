import BarbellData
import Foundation

/// Seeded innovation draws for GARCH simulation, by inversion (one uniform per draw, Barbell's
/// convention; see `RandomDraws.swift`), each with unit variance.
struct GARCHInnovationSampler {
    let innovations: GARCHModel.Innovations
    let shape: [Double]
    /// The quantile function of the standardised innovation.
    private let quantile: @Sendable (Double) -> Double

    /// - Throws: `invalidArgument` for a shape the distribution rejects (the fit and
    ///   `checkParameters` already keep ν > 2 and |λ| < 1).
    init(_ innovations: GARCHModel.Innovations, shape: [Double]) throws {
        self.innovations = innovations
        self.shape = shape
        switch innovations {
        case .normal:
            quantile = StandardNormal.quantile
        case .studentT:
            // Student's t scaled by √((ν−2)/ν) to unit variance; ν > 2 is guaranteed by the fit's bounds.
            let nu = shape[0]
            let t = try StudentT(degreesOfFreedom: nu)
            let unit = ((nu - 2) / nu).squareRoot()
            quantile = { t.quantile($0) * unit }
        case .skewedT:
            // Hansen's skewed t is already standardised (arch's SkewStudent).
            let skewed = try SkewedT(degreesOfFreedom: shape[0], skewness: shape[1])
            quantile = skewed.quantile
        }
    }

    /// One standardised draw.
    func draw(_ rng: inout SplitMix64) -> Double {
        quantile(rng.nextOpenUnit())
    }
}

import BarbellQuant
import Foundation

// Shared argument checks of the streaming detectors, so every detector words its errors alike
// and the batch functions (which feed the streaming types) name the same index.

@inline(__always)
func requireFinite(_ x: Double, index: Int, _ detector: String) throws {
    guard x.isFinite else {
        throw RegimeError(.nonFinite, "\(detector): observation \(index) is \(x); expected a finite number")
    }
}

func requireDetector(_ ok: Bool, _ detector: String, _ field: String, _ value: Any, _ expected: String) throws {
    guard ok else {
        throw RegimeError(.invalidArgument, "\(detector): \(field) = \(value); expected \(expected)")
    }
}

/// The median of `v` (the mean of the two middle values for an even count, as NumPy).
func median(ofUnsorted v: [Double]) -> Double {
    let s = v.sorted()
    let n = s.count
    return n % 2 == 1 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2
}

/// log Σ exp(v), shifted by the maximum so it neither overflows nor underflows.
func logSumExp(_ v: [Double]) -> Double {
    guard let m = v.max(), m > -.infinity else { return -.infinity }
    var s = 0.0
    for x in v { s += exp(x - m) }
    return m + log(s)
}

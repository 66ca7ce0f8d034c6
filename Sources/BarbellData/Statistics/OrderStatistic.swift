/// Order statistics (k-th smallest, median) of large `Double` samples in linear time, without
/// reordering the input.
///
/// Radix selection: a histogram of the top 16 bits of each value's order-preserving key
/// finds the bucket holding the k-th value, only that bucket's values are copied out, and
/// the next 16 bits narrow it again until a few thousand remain for
/// `UnsafeMutableBufferPointer.select(_:)`. Streaming passes over the data replace
/// quickselect's many data-dependent swaps.
///
/// Every function can rank the absolute deviations `|v − center|` instead of the values
/// themselves, which is how the median absolute deviation is found without materialising
/// the deviations.
public enum OrderStatistic {
    /// The value a full ascending sort would put at index `k` (of `|v − center|` when a
    /// center is given). `values` must not contain NaN.
    public static func kthSmallest(_ values: UnsafeBufferPointer<Double>, _ k: Int, deviationFrom center: Double? = nil) -> Double {
        precondition(k >= 0 && k < values.count, "kthSmallest(\(k)) of \(values.count) values")
        if let center { return kth(values, k, Deviation(center: center)) }
        return kth(values, k, Identity())
    }

    /// The median: the middle value, or the mean of the two middle values for an even count
    /// (numpy's definition), of the values or of `|v − center|`. `values` must be non-empty
    /// and free of NaN.
    public static func median(_ values: UnsafeBufferPointer<Double>, deviationFrom center: Double? = nil) -> Double {
        precondition(!values.isEmpty, "median of no values")
        let m = values.count / 2
        let upper = kthSmallest(values, m, deviationFrom: center)
        if values.count % 2 == 1 { return upper }
        return (kthSmallest(values, m - 1, deviationFrom: center) + upper) / 2
    }

    /// The median absolute deviation from the median (unscaled).
    public static func medianAbsoluteDeviation(_ values: UnsafeBufferPointer<Double>) -> Double {
        median(values, deviationFrom: median(values))
    }

    /// An unsigned key whose order is the numeric order of the doubles (negative values have
    /// all bits flipped, positive ones only the sign bit).
    @inline(__always)
    static func key(_ v: Double) -> UInt64 {
        let bits = v.bitPattern
        return bits >> 63 == 1 ? ~bits : bits | (1 << 63)
    }

    static func kth<T: ValueTransform>(_ values: UnsafeBufferPointer<Double>, _ k: Int, _ transform: T) -> Double {
        var rank = k
        // After the first narrowing the candidates are already transformed.
        var candidates: [Double]?
        var shift: UInt64 = 48
        while true {
            let source = candidates
            let step: Narrowed? = source.map { c in c.withUnsafeBufferPointer { narrow($0, rank, shift, Identity()) } }
                ?? narrow(values, rank, shift, transform)
            switch step {
            case nil:
                // Few enough left: select among them directly.
                var rest = candidates ?? values.map { transform($0) }
                return rest.withUnsafeMutableBufferPointer { buffer in
                    buffer.select(rank)
                    return buffer[rank]
                }
            case .allInOneBucket:
                if candidates == nil { candidates = values.map { transform($0) } }
            case .picked(let r, let picked):
                rank = r
                candidates = picked
            }
            if shift == 0 { return candidates![rank] }   // all remaining keys are equal
            shift -= 16
        }
    }

    enum Narrowed {
        case allInOneBucket
        case picked(rank: Int, values: [Double])
    }

    /// One histogram pass over 16 key bits at `shift`, then the (transformed) values of the
    /// bucket that holds rank `rank`, and the rank within it. Nil when few values are left.
    static func narrow<T: ValueTransform>(_ source: UnsafeBufferPointer<Double>, _ rank: Int, _ shift: UInt64, _ transform: T) -> Narrowed? {
        if source.count <= 4096 { return nil }
        var counts = [UInt32](repeating: 0, count: 1 << 16)
        counts.withUnsafeMutableBufferPointer { counts in
            for v in source { counts[Int(truncatingIfNeeded: (key(transform(v)) >> shift) & 0xFFFF)] &+= 1 }
        }
        var below = 0
        var bucket = 0
        while below + Int(counts[bucket]) <= rank {
            below += Int(counts[bucket])
            bucket += 1
        }
        // Every value in one bucket (a long run of equal returns does this): nothing to drop.
        if Int(counts[bucket]) == source.count { return .allInOneBucket }
        var picked: [Double] = []
        picked.reserveCapacity(Int(counts[bucket]))
        let wanted = UInt64(bucket)
        for v in source {
            let t = transform(v)
            if (key(t) >> shift) & 0xFFFF == wanted { picked.append(t) }
        }
        return .picked(rank: rank - below, values: picked)
    }
}

/// What ``OrderStatistic`` ranks: the values themselves or their distance from a center.
protocol ValueTransform {
    func callAsFunction(_ v: Double) -> Double
}

struct Identity: ValueTransform {
    @inline(__always) func callAsFunction(_ v: Double) -> Double { v }
}

struct Deviation: ValueTransform {
    let center: Double
    @inline(__always) func callAsFunction(_ v: Double) -> Double { abs(v - center) }
}

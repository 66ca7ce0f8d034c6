extension ResolvedFeature {
    /// Computes this feature over a whole series: one column per output, NaN during warm-up.
    ///
    /// Applies the descriptor's ``NaNPolicy`` and skips the kernel when the series is not longer
    /// than the lookback, so the output is then all NaN of the right length, as in TA-Lib.
    public func compute(_ input: FeatureInput) throws(FeatureError) -> [[Double]] {
        var sources: [[Double]] = []
        for field in descriptor.inputs { sources.append(try input.require(field, for: descriptor.name)) }
        return compute(columns: sources, count: input.count)
    }

    /// As ``compute(_:)`` with the input columns already in descriptor order.
    public func compute(columns sources: [[Double]], count n: Int) -> [[Double]] {
        var outputs = [[Double]](repeating: [Double](repeating: descriptor.warmupValue, count: n), count: descriptor.outputs.count)
        let start = descriptor.nanPolicy == .skipLeading ? firstCompleteRow(sources, count: n) : 0
        let length = n - start
        guard length > lookback else { return outputs }
        withBuffers(sources) { inputs in
            withMutableBuffers(&outputs) { outs in
                let batchIn = BatchInputs(count: length, columns: inputs.map { UnsafeBufferPointer(rebasing: $0[start...]) })
                let batchOut = BatchOutputs(count: length, columns: outs.map { UnsafeMutableBufferPointer(rebasing: $0[start...]) })
                descriptor.batch(batchIn, parameters, batchOut)
            }
        }
        return outputs
    }
}

/// The first row where every column holds a number, or `count` when there is none (the TA-Lib
/// Python wrapper's `check_begidx`).
func firstCompleteRow(_ columns: [[Double]], count: Int) -> Int {
    var i = 0
    outer: while i < count {
        for c in columns where c[i].isNaN {
            i += 1
            continue outer
        }
        return i
    }
    return count
}

/// Runs `body` with stable pointers to every array.
func withBuffers<R>(_ arrays: [[Double]], _ body: ([UnsafeBufferPointer<Double>]) -> R) -> R {
    var pointers: [UnsafeBufferPointer<Double>] = []
    func nest(_ i: Int) -> R {
        if i == arrays.count { return body(pointers) }
        return arrays[i].withUnsafeBufferPointer { p in
            pointers.append(p)
            return nest(i + 1)
        }
    }
    return nest(0)
}

func withMutableBuffers<R>(_ arrays: inout [[Double]], _ body: ([UnsafeMutableBufferPointer<Double>]) -> R) -> R {
    var pointers: [UnsafeMutableBufferPointer<Double>] = []
    // Going through the outer buffer's pointer lets each inner array be borrowed mutably in turn
    // without overlapping accesses to `arrays` itself.
    return arrays.withUnsafeMutableBufferPointer { outer in
        func nest(_ i: Int) -> R {
            if i == outer.count { return body(pointers) }
            return outer[i].withUnsafeMutableBufferPointer { p in
                pointers.append(p)
                return nest(i + 1)
            }
        }
        return nest(0)
    }
}

extension ResolvedFeature {
    /// Computes this feature over a whole series: one column per output, NaN during warm-up.
    ///
    /// Applies the descriptor's ``NaNPolicy`` and skips the kernel when the series is not longer
    /// than the lookback, so the output is then all NaN of the right length, as in TA-Lib.
    public func compute(_ input: FeatureInput) throws(FeatureError) -> [[Double]] {
        compute(columns: try sources(input), count: input.count)
    }

    /// As ``compute(_:)``, into `outputs` (one pointer per output, `input.count` values each).
    func compute(_ input: FeatureInput, into outputs: [UnsafeMutablePointer<Double>]) throws(FeatureError) {
        compute(columns: try sources(input), count: input.count, into: outputs)
    }

    /// The descriptor's input columns, in its order.
    private func sources(_ input: FeatureInput) throws(FeatureError) -> [[Double]] {
        var sources: [[Double]] = []
        for field in descriptor.inputs { sources.append(try input.require(field, for: descriptor.name)) }
        return sources
    }

    /// As ``compute(_:)`` with the input columns already in descriptor order.
    public func compute(columns sources: [[Double]], count n: Int) -> [[Double]] {
        var outputs = (0..<descriptor.outputs.count).map { _ in
            // `compute(columns:count:into:)` writes every value.
            [Double](unsafeUninitializedCapacity: n) { _, initialized in initialized = n }
        }
        guard n > 0 else { return outputs }
        withMutableBuffers(&outputs) { outs in compute(columns: sources, count: n, into: outs.map { $0.baseAddress! }) }
        return outputs
    }

    /// Computes into `outputs` (one pointer per output, `n` values each; every value is written).
    func compute(columns sources: [[Double]], count n: Int, into outputs: [UnsafeMutablePointer<Double>]) {
        let start = descriptor.nanPolicy == .skipLeading ? firstCompleteRow(sources, count: n) : 0
        let length = n - start
        let lookback = self.lookback
        let runsKernel = length > lookback
        // Kernels that promise to write every output from their lookback on get only the warm-up
        // prefix pre-filled, which saves a full pass over memory on cheap functions.
        let filled = runsKernel && descriptor.writesEveryOutput ? start + lookback : n
        for out in outputs {
            out.initialize(repeating: descriptor.warmupValue, count: filled)
            #if DEBUG
            (out + filled).initialize(repeating: unwrittenSentinel, count: n - filled)
            #endif
            // Release builds leave the tail for the kernel to write (Double is trivial, so
            // unwritten memory is never read as an object).
        }
        guard runsKernel else { return }
        withBuffers(sources) { inputs in
            let batchIn = BatchInputs(count: length, columns: inputs.map { UnsafeBufferPointer(rebasing: $0[start...]) })
            let batchOut = BatchOutputs(count: length, columns: outputs.map { UnsafeMutableBufferPointer(start: $0 + start, count: length) })
            descriptor.batch(batchIn, parameters, batchOut)
        }
        #if DEBUG
        if filled < n {
            for (k, out) in outputs.enumerated() {
                if let i = (0..<n).first(where: { out[$0].bitPattern == unwrittenSentinel.bitPattern }) {
                    preconditionFailure("\(canonicalName): output \(descriptor.outputs[k]) not written at row \(i) although the descriptor sets writesEveryOutput")
                }
            }
        }
        #endif
    }
}

#if DEBUG
/// What the tail of an output holds before a `writesEveryOutput` kernel runs in debug builds: a
/// NaN with a payload no arithmetic produces, so tests catch a kernel that breaks its promise.
let unwrittenSentinel = Double(bitPattern: 0x7FF8_0BAD_F00D_0001)
#endif

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

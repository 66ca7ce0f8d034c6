import Foundation
import Dispatch

/// Computes a list of resolved features over one series or a panel of series.
///
/// Panel work is spread over cores one symbol per task; every symbol's result is independent of
/// the thread count, so the output is identical on 1 or N cores.
public struct FeatureComputer: Sendable {
    public let features: [ResolvedFeature]

    public init(_ features: [ResolvedFeature]) {
        self.features = features
    }

    public init(_ set: FeatureSet, catalog: FeatureCatalog = .standard) throws(FeatureError) {
        self.init(try set.resolve(in: catalog))
    }

    /// Every output column name, in order.
    public var columnNames: [String] { features.flatMap(\.columnNames) }

    /// All features over one series.
    public func compute(_ input: FeatureInput) throws(FeatureError) -> FeatureFrame {
        let names = columnNames
        let storage = FeatureFrameStorage(rows: input.count, width: names.count)
        // Each feature's first column in the frame.
        var offsets: [Int] = [], next = 0
        for feature in features { offsets.append(next); next += feature.descriptor.outputs.count }
        func outputs(_ i: Int) -> [UnsafeMutablePointer<Double>] {
            (0..<features[i].descriptor.outputs.count).map { storage.column(offsets[i] + $0) }
        }
        // Alpha158 columns share rolling primitives, so they are computed together in one fused
        // pass (bit-identical to their one-by-one kernels, several times faster).
        let fusedIndices = features.indices.filter { features[$0].descriptor.group == .alpha158 }
        let fuses = fusedIndices.count > 1
        if fuses {
            try Alpha158Set.compute(input, features: fusedIndices.map { features[$0].descriptor.name },
                                    into: fusedIndices.map { storage.column(offsets[$0]) })
        }
        for (i, feature) in features.enumerated() where !(fuses && feature.descriptor.group == .alpha158) {
            try feature.compute(input, into: outputs(i))
        }
        return FeatureFrame(names: names, storage: storage)
    }

    /// All features over every series of a panel, symbols in parallel on up to `threads` cores
    /// (nil: all cores). Results come back in input order. The first error, by symbol order, is
    /// thrown.
    public func compute(panel inputs: [FeatureInput], threads: Int? = nil) throws(FeatureError) -> [FeatureFrame] {
        let results = ResultSlots(count: inputs.count)
        let workers = max(1, min(threads ?? ProcessInfo.processInfo.activeProcessorCount, inputs.count))
        let next = WorkQueue(count: inputs.count)
        DispatchQueue.concurrentPerform(iterations: workers) { _ in
            while let i = next.take() {
                do {
                    results.set(i, .success(try compute(inputs[i])))
                } catch let error as FeatureError {
                    results.set(i, .failure(error))
                } catch {
                    results.set(i, .failure(FeatureError(.mismatchedInputs, "\(error)")))
                }
            }
        }
        var frames: [FeatureFrame] = []
        frames.reserveCapacity(inputs.count)
        for r in results.values {
            switch r! {
            case .success(let f): frames.append(f)
            case .failure(let e): throw e
            }
        }
        return frames
    }
}

/// A shared counter handing out task indices.
private final class WorkQueue: @unchecked Sendable {
    private let count: Int
    private var nextIndex = 0
    private let lock = NSLock()

    init(count: Int) { self.count = count }

    func take() -> Int? {
        lock.withLock {
            guard nextIndex < count else { return nil }
            defer { nextIndex += 1 }
            return nextIndex
        }
    }
}

/// One result slot per symbol; each slot is written by exactly one task.
private final class ResultSlots: @unchecked Sendable {
    var values: [Result<FeatureFrame, FeatureError>?]
    private let lock = NSLock()

    init(count: Int) { values = Array(repeating: nil, count: count) }

    func set(_ i: Int, _ r: Result<FeatureFrame, FeatureError>) {
        lock.withLock { values[i] = r }
    }
}

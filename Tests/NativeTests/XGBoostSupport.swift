import CXGBoost

/// Minimal RAII helpers over the XGBoost C API, for tests only.

/// An XGBoost C API failure, carrying `XGBGetLastError()`.
struct XGBoostError: Error, CustomStringConvertible {
    let status: Int32
    let message: String
    var description: String { "XGBoostError(\(status)): \(message)" }
}

/// Throws unless `status` is 0. XGBoost keeps the message thread-locally, so
/// call this synchronously right after the C call.
func xgbCheck(_ status: Int32) throws(XGBoostError) {
    guard status != 0 else { return }
    throw XGBoostError(status: status, message: String(cString: XGBGetLastError()))
}

/// A dense DMatrix with float labels. Owns its handle.
final class DMatrix {
    let handle: DMatrixHandle

    init(rowMajor features: [Float], rows: Int, columns: Int, labels: [Float]) throws(XGBoostError) {
        precondition(features.count == rows * columns && labels.count == rows)
        var out: DMatrixHandle?
        try xgbCheck(XGDMatrixCreateFromMat(features, bst_ulong(rows), bst_ulong(columns), .nan, &out))
        handle = out!
        try xgbCheck(XGDMatrixSetFloatInfo(handle, "label", labels, bst_ulong(labels.count)))
    }

    deinit { XGDMatrixFree(handle) }
}

/// A booster. Owns its handle; keeps its training matrix alive (XGBoost caches it).
final class Booster {
    let handle: BoosterHandle
    private let cached: [DMatrix]

    init(cache: [DMatrix], parameters: KeyValuePairs<String, String>) throws(XGBoostError) {
        var out: BoosterHandle?
        let handles: [DMatrixHandle?] = cache.map(\.handle)
        try xgbCheck(XGBoosterCreate(handles, bst_ulong(handles.count), &out))
        handle = out!
        cached = cache
        for (name, value) in parameters {
            try xgbCheck(XGBoosterSetParam(handle, name, value))
        }
    }

    deinit { XGBoosterFree(handle) }

    func train(on matrix: DMatrix, rounds: Int) throws(XGBoostError) {
        for iteration in 0..<rounds {
            try withExtendedLifetime(matrix) { () throws(XGBoostError) in
                try xgbCheck(XGBoosterUpdateOneIter(handle, Int32(iteration), matrix.handle))
            }
        }
    }

    /// Normal (probability) predictions for every row of `matrix`.
    func predict(_ matrix: DMatrix) throws(XGBoostError) -> [Float] {
        let config = #"{"type": 0, "training": false, "iteration_begin": 0, "iteration_end": 0, "strict_shape": false}"#
        var shape: UnsafePointer<bst_ulong>?
        var dimensions: bst_ulong = 0
        var result: UnsafePointer<Float>?
        try withExtendedLifetime(matrix) { () throws(XGBoostError) in
            try xgbCheck(XGBoosterPredictFromDMatrix(handle, matrix.handle, config, &shape, &dimensions, &result))
        }
        let count = (0..<Int(dimensions)).reduce(1) { $0 * Int(shape![$1]) }
        // The buffer belongs to the booster and is overwritten by the next call: copy now.
        return Array(UnsafeBufferPointer(start: result, count: count))
    }
}

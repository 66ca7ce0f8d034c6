import CXGBoost

/// Throws a ``LearningError`` carrying `XGBGetLastError()` unless `status` is 0. XGBoost keeps
/// the message per thread, so this runs synchronously right after the C call.
func xgbCheck(_ status: Int32, _ call: String) throws(LearningError) {
    guard status != 0 else { return }
    throw LearningError(.invalidArgument, "XGBoost \(call) failed: \(String(cString: XGBGetLastError()))")
}

/// A dense DMatrix (float32, NaN = missing) owning its handle.
final class XGBMatrix {
    let handle: DMatrixHandle

    /// - Parameter threads: Threads that build the matrix (≤ 0: all cores), as Python's
    /// `DMatrix(nthread=)`; the result does not depend on it.
    init(rowMajor x: [Double], rows: Int, columns: Int, threads: Int = 0) throws(LearningError) {
        // XGBoost stores features as float32; converting here is what its Python package does too.
        let floats = x.map { Float($0) }
        var out: DMatrixHandle?
        try xgbCheck(XGDMatrixCreateFromMat_omp(floats, bst_ulong(rows), bst_ulong(columns), .nan, &out, Int32(threads)),
                     "XGDMatrixCreateFromMat_omp")
        guard let out else { throw LearningError(.invalidArgument, "XGBoost returned no DMatrix") }
        handle = out
    }

    func setInfo(_ field: String, _ values: [Double]) throws(LearningError) {
        let floats = values.map { Float($0) }
        try xgbCheck(XGDMatrixSetFloatInfo(handle, field, floats, bst_ulong(floats.count)),
                     "XGDMatrixSetFloatInfo(\(field))")
    }

    deinit { XGDMatrixFree(handle) }
}

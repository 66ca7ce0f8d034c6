// TEMPORARY placeholders so the MA dispatch compiles while the overlap-studies kernels are
// written. Each enum moves to its own file (DEMA.swift, ...) with the real algorithm and this
// file is deleted. Nothing here is registered in the catalogue.
enum DEMA {
    static func lookback(_ period: Int) -> Int { 2 * (period - 1) }
    static func batch(_ x: UnsafeBufferPointer<Double>, period: Int, _ out: UnsafeMutableBufferPointer<Double>) {}
    struct Stream: ScalarFeatureStream { init(period: Int) {}; mutating func next(_ x: Double) -> Double { .nan } }
}
enum TEMA {
    static func lookback(_ period: Int) -> Int { 3 * (period - 1) }
    static func batch(_ x: UnsafeBufferPointer<Double>, period: Int, _ out: UnsafeMutableBufferPointer<Double>) {}
    struct Stream: ScalarFeatureStream { init(period: Int) {}; mutating func next(_ x: Double) -> Double { .nan } }
}
enum TRIMA {
    static func lookback(_ period: Int) -> Int { period - 1 }
    static func batch(_ x: UnsafeBufferPointer<Double>, period: Int, _ out: UnsafeMutableBufferPointer<Double>) {}
    struct Stream: ScalarFeatureStream { init(period: Int) {}; mutating func next(_ x: Double) -> Double { .nan } }
}
enum KAMA {
    static func lookback(_ period: Int) -> Int { period }
    static func batch(_ x: UnsafeBufferPointer<Double>, period: Int, _ out: UnsafeMutableBufferPointer<Double>) {}
    struct Stream: ScalarFeatureStream { init(period: Int) {}; mutating func next(_ x: Double) -> Double { .nan } }
}
enum MAMA {
    static func lookback(fastLimit: Double, slowLimit: Double) -> Int { 32 }
    static func batchMAMAOnly(_ x: UnsafeBufferPointer<Double>, fastLimit: Double, slowLimit: Double, _ out: UnsafeMutableBufferPointer<Double>) {}
    struct Stream { init(fastLimit: Double, slowLimit: Double) {}; mutating func nextMAMA(_ x: Double) -> Double { .nan } }
}
enum T3 {
    static func lookback(_ period: Int, vFactor: Double) -> Int { 6 * (period - 1) }
    static func batch(_ x: UnsafeBufferPointer<Double>, period: Int, vFactor: Double, _ out: UnsafeMutableBufferPointer<Double>) {}
    struct Stream: ScalarFeatureStream { init(period: Int, vFactor: Double) {}; mutating func next(_ x: Double) -> Double { .nan } }
}

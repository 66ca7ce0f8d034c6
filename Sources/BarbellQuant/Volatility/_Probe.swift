import Foundation
public enum GARCHProbe {
    public static func run(_ y: [Double], _ m: GARCHModel) throws {
        func cpu() -> Double { var t = timespec(); clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t); return Double(t.tv_sec) + Double(t.tv_nsec) * 1e-9 }
        func secs(_ body: () -> Void) -> Double { let s = cpu(); body(); return (cpu() - s) * 1000 }
        var like: GARCHLikelihood? = nil
        print("setup", secs { like = try! GARCHLikelihood(model: m, returns: y) })
        let l = like!
        var sv: [Double] = []
        print("grid", secs { sv = m.startingVolatility(l) })
        let theta = [0.05] + sv + (m.innovations == .studentT ? [7.0] : [])
        var g = [Double](repeating: 0, count: theta.count)
        print("value", secs { _ = theta.withUnsafeBufferPointer { l.negativeLogLikelihood($0, gradient: nil) } })
        print("value+grad", secs { _ = theta.withUnsafeBufferPointer { t in g.withUnsafeMutableBufferPointer { l.negativeLogLikelihood(t, gradient: $0) } } })
        var acc = 0.0
        print("log only", secs { for x in y { acc += log(abs(x) + 1) } }, acc)
    }
}

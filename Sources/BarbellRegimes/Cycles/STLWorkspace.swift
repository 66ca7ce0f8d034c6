import Foundation

/// The Fortran STL's working storage and routines (est, ess, ma, fts, ss, rwts, onestp),
/// translated from statsmodels' `_stl.pyx` with its 1-based positions kept (x_j = j + 1 at array
/// index j) so every window and edge rule reads as in the original.
final class STLWorkspace {
    typealias Buffer = UnsafeMutableBufferPointer<Double>
    let n: Int
    let c: STL
    let y: Buffer
    let trend: Buffer, season: Buffer, rw: Buffer
    /// Seven rows of length n + 2·period, as statsmodels' `work`.
    let work: [Buffer]
    var useRW = false

    private static func make(_ count: Int, _ v: Double = 0) -> Buffer {
        let b = Buffer.allocate(capacity: count)
        b.initialize(repeating: v)
        return b
    }

    init(y values: [Double], config: STL) {
        n = values.count
        c = config
        y = STLWorkspace.make(n)
        for i in 0..<n { y[i] = values[i] }
        trend = STLWorkspace.make(n)
        season = STLWorkspace.make(n)
        rw = STLWorkspace.make(n, 1)
        work = (0..<7).map { _ in STLWorkspace.make(values.count + 2 * config.period) }
    }

    deinit {
        for b in [y, trend, season, rw] + work { b.deallocate() }
    }

    func run(inner: Int, outer: Int) {
        useRW = false
        var k = 0
        while true {
            onestp(inner)
            k += 1
            if k > outer { break }
            for i in 0..<n { work[0][i] = trend[i] + season[i] }
            rwts()
            useRW = true
        }
    }

    private func onestp(_ inner: Int) {
        let np = c.period
        for _ in 0..<inner {
            for i in 0..<n { work[0][i] = y[i] - trend[i] }
            ss()
            fts()
            ess(work[2].baseAddress!, n, c.lowPass, c.lowPassDegree, c.lowPassJump, false,
                work[3].baseAddress!, work[0].baseAddress!, work[4].baseAddress!)
            for i in 0..<n {
                season[i] = work[1][np + i] - work[0][i]
                work[0][i] = y[i] - season[i]
            }
            ess(work[0].baseAddress!, n, c.trend, c.trendDegree, c.trendJump, useRW,
                rw.baseAddress!, trend.baseAddress!, work[2].baseAddress!)
        }
    }

    /// Loess fit at position xs (1-based) from points nleft … nright with tricube weights (times
    /// the robustness weights); nil (NaN in the original) when every weight is zero.
    private func est(_ y: UnsafeMutablePointer<Double>, _ n: Int, _ len: Int, _ ideg: Int, _ xs: Int,
                     _ nleft: Int, _ nright: Int, _ w: UnsafeMutablePointer<Double>, _ userw: Bool,
                     _ rw: UnsafeMutablePointer<Double>) -> Double? {
        let range = Double(n) - 1
        var h = Double(max(xs - nleft, nright - xs))
        if len > n { h += Double((len - n) / 2) }
        let h9 = 0.999 * h, h1 = 0.001 * h
        var a = 0.0
        for j in (nleft - 1)..<nright {
            w[j] = 0
            let r = abs(Double(j + 1 - xs))
            if r <= h9 {
                if r <= h1 {
                    w[j] = 1
                } else {
                    let q = r / h, t = 1 - q * q * q
                    w[j] = t * t * t
                }
                if userw { w[j] *= rw[j] }
                a += w[j]
            }
        }
        if a <= 0 { return nil }
        for j in (nleft - 1)..<nright { w[j] /= a }
        if h > 0 && ideg > 0 {
            a = 0
            for j in (nleft - 1)..<nright { a += w[j] * Double(j + 1) }
            var b = Double(xs) - a
            var cc = 0.0
            for j in (nleft - 1)..<nright {
                let d = Double(j + 1) - a
                cc += w[j] * d * d
            }
            if cc.squareRoot() > 0.001 * range {
                b /= cc
                for j in (nleft - 1)..<nright { w[j] *= b * (Double(j + 1) - a) + 1 }
            }
        }
        var ys = 0.0
        for j in (nleft - 1)..<nright { ys += w[j] * y[j] }
        return ys
    }

    /// Loess smooth of y[0..<n] into ys, evaluated every `njump` points with linear interpolation.
    private func ess(_ y: UnsafeMutablePointer<Double>, _ n: Int, _ len: Int, _ ideg: Int, _ njump: Int,
                     _ userw: Bool, _ rw: UnsafeMutablePointer<Double>, _ ys: UnsafeMutablePointer<Double>,
                     _ res: UnsafeMutablePointer<Double>) {
        if n < 2 {
            ys[0] = y[0]
            return
        }
        let newnj = min(njump, n - 1)
        var nleft = 0, nright = 0
        if len >= n {
            nleft = 1
            nright = n
            var i = 0
            while i < n {
                ys[i] = est(y, n, len, ideg, i + 1, nleft, nright, res, userw, rw) ?? y[i]
                i += newnj
            }
        } else if newnj == 1 {
            let nsh = (len + 2) / 2
            nleft = 1
            nright = len
            for i in 0..<n {
                if i + 1 > nsh && nright != n {
                    nleft += 1
                    nright += 1
                }
                ys[i] = est(y, n, len, ideg, i + 1, nleft, nright, res, userw, rw) ?? y[i]
            }
        } else {
            let nsh = (len + 1) / 2
            var i = 0
            while i < n {
                if i + 1 < nsh {
                    nleft = 1
                    nright = len
                } else if i + 1 >= n - nsh + 1 {
                    nleft = n - len + 1
                    nright = n
                } else {
                    nleft = i + 1 - nsh + 1
                    nright = len + i + 1 - nsh
                }
                ys[i] = est(y, n, len, ideg, i + 1, nleft, nright, res, userw, rw) ?? y[i]
                i += newnj
            }
        }
        if newnj == 1 { return }
        var i = 0
        while i < n - newnj {
            let delta = (ys[i + newnj] - ys[i]) / Double(newnj)
            for j in i..<(i + newnj) { ys[j] = ys[i] + delta * Double(j - i) }
            i += newnj
        }
        let k = ((n - 1) / newnj) * newnj + 1
        if k != n {
            ys[n - 1] = est(y, n, len, ideg, n, nleft, nright, res, userw, rw) ?? y[n - 1]
            if k != n - 1 {
                let delta = (ys[n - 1] - ys[k - 1]) / Double(n - k)
                for j in k..<n { ys[j] = ys[k - 1] + delta * Double(j + 1 - k) }
            }
        }
    }

    /// Moving average of length `len` of x[0..<n] into ave[0..<n−len+1], as a running sum.
    private func ma(_ x: UnsafeMutablePointer<Double>, _ n: Int, _ len: Int, _ ave: UnsafeMutablePointer<Double>) {
        let newn = n - len + 1
        let flen = Double(len)
        var v = 0.0
        for i in 0..<len { v += x[i] }
        ave[0] = v / flen
        var k = len, m = 0
        for j in 1..<max(newn, 1) {
            v += x[k] - x[m]
            ave[j] = v / flen
            k += 1
            m += 1
        }
    }

    /// The low-pass filter: moving averages of lengths period, period and 3.
    private func fts() {
        let np = c.period
        let x = work[1].baseAddress!, t = work[2].baseAddress!, w = work[0].baseAddress!
        let len = n + 2 * np
        ma(x, len, np, t)
        ma(t, len - np + 1, np, w)
        ma(w, len - 2 * np + 2, 3, t)
    }

    /// Loess of each cycle-subseries, extended one cycle at each end, into work[1].
    private func ss() {
        let np = c.period, ns = c.seasonal
        let y = work[0].baseAddress!, seasonOut = work[1].baseAddress!
        let work1 = work[2].baseAddress!, work2 = work[3].baseAddress!, work3 = work[4].baseAddress!
        let work4 = season.baseAddress!
        for j in 0..<np {
            let k = (n - (j + 1)) / np + 1
            for i in 0..<k { work1[i] = y[i * np + j] }
            if useRW { for i in 0..<k { work3[i] = rw[i * np + j] } }
            ess(work1, k, ns, c.seasonalDegree, c.seasonalJump, useRW, work3, work2 + 1, work4)
            work2[0] = est(work1, k, ns, c.seasonalDegree, 0, 1, min(ns, k), work4, useRW, work3) ?? work2[1]
            work2[k + 1] = est(work1, k, ns, c.seasonalDegree, k + 1, max(1, k - ns + 1), k, work4, useRW, work3)
                ?? work2[k]
            for m in 0..<(k + 2) { seasonOut[m * np + j] = work2[m] }
        }
    }

    /// Bisquare robustness weights of the residuals y − (trend + seasonal) over 6·median|resid|.
    private func rwts() {
        for i in 0..<n { rw[i] = abs(y[i] - work[0][i]) }
        let sorted = Array(rw).sorted()
        let cmad = 3 * (sorted[n / 2] + sorted[n - n / 2 - 1])
        if cmad == 0 {
            for i in 0..<n { rw[i] = 1 }
            return
        }
        let c9 = 0.999 * cmad, c1 = 0.001 * cmad
        for i in 0..<n {
            if rw[i] <= c1 {
                rw[i] = 1
            } else if rw[i] <= c9 {
                let q = rw[i] / cmad, t = 1 - q * q
                rw[i] = t * t
            } else {
                rw[i] = 0
            }
        }
    }
}

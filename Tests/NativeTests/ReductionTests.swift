import BarbellTorch
import Testing

@Suite("Reductions")
struct ReductionTests {
    // 2 x 3: [[1, 5, -2], [4, 0.5, 3]]
    let values: [Double] = [1, 5, -2, 4, 0.5, 3]
    var m: Tensor { get throws { try Tensor(values, shape: [2, 3]) } }

    @Test("sum and mean over all, a dim, negative dims, keepDim")
    func sumMean() throws {
        let m = try m
        #expect(try m.sum(dim: nil).toArray() == [11.5])
        #expect(try m.sum(dim: 0).toArray() == [5, 5.5, 1])
        #expect(try m.sum(dim: -1).toArray() == [4, 7.5])
        let kept = try m.sum(dim: 1, keepDim: true)
        #expect(kept.shape == [2, 1])
        #expect(try m.sum(dim: nil, keepDim: true).shape == [1, 1])
        #expect(try m.mean().toArray() == [11.5 / 6])
        #expect(try m.mean(dim: 1).toArray() == [4.0 / 3, 2.5])
        #expect(try m.mean(dim: 0, keepDim: true).shape == [1, 3])
    }

    @Test("max/min values, argmax/argmin, and values with indices")
    func extremes() throws {
        let m = try m
        #expect(try m.max().toArray() == [5])
        #expect(try m.min().toArray() == [-2])
        #expect(try m.max(dim: 0).toArray() == [4, 5, 3])
        #expect(try m.min(dim: 1, keepDim: true).toArray() == [-2, 0.5])
        let argmax = try m.argmax()
        #expect(argmax.dtype == .int64 && argmax.toInt64Array() == [1])
        #expect(try m.argmax(dim: 1).toInt64Array() == [1, 0])
        #expect(try m.argmin(dim: 0).toInt64Array() == [0, 1, 0])
        #expect(try m.argmin().toInt64Array() == [2])

        let (values, indices) = try m.maxWithIndices(dim: 1)
        #expect(values.toArray() == [5, 4] && indices.toInt64Array() == [1, 0])
        let (lows, where_) = try m.minWithIndices(dim: 0, keepDim: true)
        #expect(lows.shape == [1, 3] && lows.toArray() == [1, 0.5, -2])
        #expect(where_.toInt64Array() == [0, 1, 0])
    }

    @Test("variance and std: unbiased (n-1) and biased (n) divisors")
    func varianceStd() throws {
        let x = try Tensor([2, 4, 4, 4, 5, 5, 7, 9], shape: [8])
        // Mean 5, sum of squared deviations 32: var = 32/7 (unbiased), 32/8 = 4 (biased).
        expectClose(try x.variance().toArray(), [32.0 / 7], tolerance: 1e-15)
        expectClose(try x.variance(unbiased: false).toArray(), [4], tolerance: 1e-15)
        expectClose(try x.std(unbiased: false).toArray(), [2], tolerance: 1e-15)
        expectClose(try x.std().toArray(), [(32.0 / 7).squareRoot()], tolerance: 1e-15)
        let rows = try x.reshape([2, 4]).variance(dim: 1, unbiased: false, keepDim: true)
        #expect(rows.shape == [2, 1])
        // Rows [2,4,4,4] (mean 3.5, ss 3) and [5,5,7,9] (mean 6.5, ss 11).
        expectClose(rows.toArray(), [0.75, 2.75], tolerance: 1e-15)
    }

    @Test("logsumexp = log(sum(exp)); softmax rows sum to 1; logSoftmax = log(softmax)")
    func softmaxFamily() throws {
        let m = try m
        expectClose(try m.logsumexp().toArray(), try m.exp().sum().log().toArray(), tolerance: 1e-15)
        expectClose(try m.logsumexp(dim: 1).toArray(), try m.exp().sum(dim: 1).log().toArray(), tolerance: 1e-15)
        #expect(try m.logsumexp(dim: 0, keepDim: true).shape == [1, 3])
        let s = try m.softmax(dim: 1)
        expectClose(try s.sum(dim: 1).toArray(), [1, 1], tolerance: 1e-15)
        expectClose(try m.logSoftmax(dim: 1).toArray(), try s.log().toArray(), tolerance: 1e-15)
        // Shift invariance: softmax(x + c) = softmax(x), even for huge c.
        expectClose(try (m + 1000).softmax(dim: 1).toArray(), s.toArray(), tolerance: 1e-15)
    }

    @Test("cumsum along either dim")
    func cumsum() throws {
        let m = try m
        #expect(try m.cumsum(dim: 1).toArray() == [1, 6, 4, 4, 4.5, 7.5])
        #expect(try m.cumsum(dim: 0).toArray() == [1, 5, -2, 5, 5.5, 1])
    }
}

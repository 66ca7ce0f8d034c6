import BarbellData
import BarbellFeatures
import Testing

@Suite("Microstructure features")
struct MicrostructureTests {
    static let inputNames = OrderBookColumns.fields().map(\.rawValue) + ["close", "volume"]

    @Test("numpy/pandas reference on a seeded synthetic book and trades")
    func reference() throws {
        let fixture = try CrossFixture.load("book.tsv.gz")
        let input = try fixture.input(Self.inputNames)
        try fixture.checkCatalogueColumns(input: input, inputNames: Self.inputNames, label: "book")
    }

    @Test("snapshots become NaN-padded level columns; features read only the levels they need")
    func snapshotColumns() throws {
        let t = Timestamp(seconds: 1)
        let snapshots = [
            BookSnapshot(timestamp: t, bids: [.init(price: 99, size: 3), .init(price: 98, size: 1)],
                         asks: [.init(price: 101, size: 1), .init(price: 102, size: 5)]),
            BookSnapshot(timestamp: t, bids: [.init(price: 99.5, size: 2)], asks: [.init(price: 100.5, size: 2)]),
        ]
        let input = OrderBookColumns.input(snapshots)
        #expect(input[.bidPrice(2)]![1].isNaN && input[.askSize(5)]![0].isNaN)
        func compute(_ spec: FeatureSpec) throws -> [[Double]] { try FeatureCatalog.standard.resolve(spec).compute(input) }
        #expect(try compute(FeatureSpec("OBI", ["levels": 1]))[0] == [0.5, 0])
        let obi2 = try compute(FeatureSpec("OBI", ["levels": 2]))[0]
        #expect(obi2[0] == (4.0 - 6.0) / 10.0 && obi2[1].isNaN)
        #expect(try compute(FeatureSpec("BOOK_DEPTH", ["levels": 2]))[2][0] == 10)
        #expect(try compute(FeatureSpec("SPREAD"))[0] == [2, 1])
        #expect(try compute(FeatureSpec("REL_SPREAD"))[0] == [0.02, 0.01])
        #expect(try compute(FeatureSpec("MICROPRICE"))[0] == [(99.0 * 1 + 101 * 3) / 4, 100])

        var book = OrderBook(snapshot: snapshots[0])
        book.apply(BookDelta(timestamp: Timestamp(seconds: 2), bids: [.init(price: 99, size: 0)], asks: []))
        let live = OrderBookColumns.input([book], levels: 2)
        #expect(live[.bidPrice(1)] == [98] && live[.bidPrice(2)]![0].isNaN)
    }

    @Test("a book without the declared levels is a missing-input error naming the level")
    func missingLevels() throws {
        let snapshots = [BookSnapshot(timestamp: Timestamp(seconds: 1), bids: [.init(price: 99, size: 3)], asks: [.init(price: 101, size: 1)])]
        let shallow = OrderBookColumns.input(snapshots, levels: 2)
        let obi = try FeatureCatalog.standard.resolve(FeatureSpec("OBI", ["levels": 1]))
        do {
            _ = try obi.compute(shallow)
            Issue.record("expected an error")
        } catch {
            #expect(error.code == .missingInput)
            #expect(error.message.contains("bid_size_3"))
        }
        // Top-of-book features need only level 1.
        #expect(try FeatureCatalog.standard.resolve(FeatureSpec("SPREAD")).compute(shallow)[0] == [2])
        #expect(throws: FeatureError.self) {
            try FeatureCatalog.standard.resolve(FeatureSpec("OBI", ["levels": 6]))
        }
    }

    @Test("Roll spread is NaN when consecutive price changes are not negatively correlated")
    func rollSpreadUndefined() throws {
        // A steady trend: every change equal, covariance 0.
        var trend = FeatureInput(count: 30)
        try trend.set(.close, (0..<30).map { 100 + Double($0) })
        let roll = try FeatureCatalog.standard.resolve(FeatureSpec("ROLL_SPREAD", ["window": 10])).compute(trend)[0]
        #expect(roll.allSatisfy { $0.isNaN })
        // Pure bid-ask bounce between 99 and 101: changes ±2 alternate, so cov = −4·10/9 and the estimate is 2·√(40/9) ≈ 4.22.
        var bounce = FeatureInput(count: 30)
        try bounce.set(.close, (0..<30).map { $0 % 2 == 0 ? 99 : 101 })
        let bounced = try FeatureCatalog.standard.resolve(FeatureSpec("ROLL_SPREAD", ["window": 10])).compute(bounce)[0]
        #expect(bounced[11] > 3.9 && bounced[11] < 4.5)
    }

    @Test("trades become close and volume columns")
    func tradeColumns() throws {
        let trades = (0..<5).map { Trade(timestamp: Timestamp(seconds: Int64($0)), price: 100 + Double($0 % 2), size: 2) }
        let input = OrderBookColumns.input(trades)
        let imbalance = try FeatureCatalog.standard.resolve(FeatureSpec("TRADE_IMBALANCE", ["window": 4])).compute(input)[0]
        #expect(imbalance[4] == 0)
        #expect(imbalance[3].isNaN)
    }
}

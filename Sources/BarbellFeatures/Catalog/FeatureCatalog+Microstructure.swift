extension FeatureCatalog {
    /// Barbell's market-microstructure features: order-book snapshot measures (inputs
    /// `bid_price_i`, `bid_size_i`, `ask_price_i`, `ask_size_i`; see ``OrderBookColumns``) and
    /// trade-flow liquidity measures over a price (close) and volume series. Definitions and
    /// references are on ``BookSnapshotFeatures`` and ``TradeFlowFeatures``.
    static let microstructure: [FeatureDescriptor] = [
        FeatureDescriptor(
            name: "OBI", group: .microstructure,
            summary: "Order-book imbalance over the best `levels` levels: (bid size - ask size) / (bid size + ask size)",
            inputs: BookSnapshotFeatures.depthInputs, parameters: [levels], outputs: ["imbalance"],
            nanPolicy: .passThrough, streamingCost: "O(levels)",
            lookback: { _ in 0 },
            batch: { inputs, p, outputs in
                let levels = p.int("levels"), out = outputs[0]
                for t in 0..<inputs.count {
                    out[t] = BookSnapshotFeatures.imbalance(levels: levels) { inputs[$0][t] }
                }
            },
            stream: { p in
                let levels = p.int("levels")
                return BookSnapshotFeatures.Stream { x, out in out[0] = BookSnapshotFeatures.imbalance(levels: levels) { x[$0] } }
            }
        ),
        FeatureDescriptor(
            name: "BOOK_DEPTH", group: .microstructure,
            summary: "Resting size over the best `levels` levels: bid side, ask side and both",
            inputs: BookSnapshotFeatures.depthInputs, parameters: [levels], outputs: ["biddepth", "askdepth", "depth"],
            nanPolicy: .passThrough, streamingCost: "O(levels)",
            lookback: { _ in 0 },
            batch: { inputs, p, outputs in
                let levels = p.int("levels")
                for t in 0..<inputs.count {
                    let (bid, ask) = BookSnapshotFeatures.depth(levels: levels) { inputs[$0][t] }
                    outputs[0][t] = bid
                    outputs[1][t] = ask
                    outputs[2][t] = bid + ask
                }
            },
            stream: { p in
                let levels = p.int("levels")
                return BookSnapshotFeatures.Stream { x, out in
                    let (bid, ask) = BookSnapshotFeatures.depth(levels: levels) { x[$0] }
                    out[0] = bid
                    out[1] = ask
                    out[2] = bid + ask
                }
            }
        ),
        topOfBook("SPREAD", "Quoted spread: best ask - best bid", output: "spread") { x in
            BookSnapshotFeatures.spread(bid: x(0), ask: x(2))
        },
        topOfBook("REL_SPREAD", "Relative quoted spread: (best ask - best bid) / midquote", output: "relspread") { x in
            BookSnapshotFeatures.relativeSpread(bid: x(0), ask: x(2))
        },
        topOfBook("MICROPRICE", "Size-weighted midquote (Stoikov's micro-price to first order)", output: "microprice") { x in
            BookSnapshotFeatures.microprice(bidPrice: x(0), bidSize: x(1), askPrice: x(2), askSize: x(3))
        },
        .scalar(
            "TRADE_IMBALANCE", group: .microstructure,
            summary: "Mean tick-rule trade sign over the window (+1 all buys, -1 all sells)",
            parameters: [.rollingWindow(default: 50)], output: "imbalance",
            lookback: { TradeFlowFeatures.tradeImbalanceLookback(window: $0.int("window")) },
            batch: { x, p, out in TradeFlowFeatures.tradeImbalanceBatch(price: x, window: p.int("window"), out) },
            stream: { TradeFlowFeatures.TradeImbalanceStream(window: $0.int("window")) }
        ),
        FeatureDescriptor(
            name: "KYLE_LAMBDA", group: .microstructure,
            summary: "Kyle's lambda: rolling OLS slope of price change on tick-rule signed volume",
            inputs: [.close, .volume], parameters: [.rollingWindow(default: 50, min: 3)], outputs: ["lambda"],
            lookback: { TradeFlowFeatures.kyleLambdaLookback(window: $0.int("window")) },
            batch: { inputs, p, outputs in
                TradeFlowFeatures.kyleLambdaBatch(price: inputs[0], volume: inputs[1], window: p.int("window"), outputs[0])
            },
            stream: { TradeFlowFeatures.KyleLambdaStream(window: $0.int("window")) }
        ),
        FeatureDescriptor(
            name: "AMIHUD", group: .microstructure,
            summary: "Amihud illiquidity: rolling mean of |return| / dollar volume (unscaled)",
            inputs: [.close, .volume], parameters: [.rollingWindow(default: 20, min: 1)], outputs: ["illiquidity"],
            lookback: { TradeFlowFeatures.amihudLookback(window: $0.int("window")) },
            batch: { inputs, p, outputs in
                TradeFlowFeatures.amihudBatch(price: inputs[0], volume: inputs[1], window: p.int("window"), outputs[0])
            },
            stream: { TradeFlowFeatures.AmihudStream(window: $0.int("window")) }
        ),
        .scalar(
            "ROLL_SPREAD", group: .microstructure,
            summary: "Roll's implied spread 2*sqrt(-cov(dp_t, dp_t-1)) over the window; NaN when the covariance is >= 0",
            parameters: [.rollingWindow(default: 50)], output: "spread",
            lookback: { TradeFlowFeatures.rollSpreadLookback(window: $0.int("window")) },
            batch: { x, p, out in TradeFlowFeatures.rollSpreadBatch(price: x, window: p.int("window"), out) },
            stream: { TradeFlowFeatures.RollSpreadStream(window: $0.int("window")) }
        ),
    ]

    private static var levels: ParameterDescriptor {
        .integer("levels", default: OrderBookColumns.maxLevels, range: 1...OrderBookColumns.maxLevels,
                 "book levels per side, best first")
    }

    /// A top-of-book feature over `bid_price_1, bid_size_1, ask_price_1, ask_size_1`; `value`
    /// reads them by position.
    private static func topOfBook(
        _ name: String, _ summary: String, output: String,
        _ value: @escaping @Sendable (_ x: (Int) -> Double) -> Double
    ) -> FeatureDescriptor {
        FeatureDescriptor(
            name: name, group: .microstructure, summary: summary,
            inputs: BookSnapshotFeatures.topOfBookInputs, outputs: [output],
            nanPolicy: .passThrough,
            lookback: { _ in 0 },
            batch: { inputs, _, outputs in
                let out = outputs[0]
                for t in 0..<inputs.count { out[t] = value { inputs[$0][t] } }
            },
            stream: { _ in BookSnapshotFeatures.Stream { x, out in out[0] = value { x[$0] } } }
        )
    }
}

/// Rolling liquidity and order-flow measures from a price (and volume) series: trades (price and
/// size) or bars (close and volume).
///
/// Every window skips nothing silently: a bar whose value is NaN or infinite makes the window
/// NaN until it leaves (see ``RollingSum`` and ``RollingPairMoments``). Batch kernels recompute
/// the value leaving the window from the inputs (a second ``TickRule`` runs `window` bars behind
/// for the signed features) instead of storing it, so they allocate nothing and round exactly as
/// the streams, which keep the values in rings.
enum TradeFlowFeatures {
    // MARK: Trade-sign imbalance

    /// Trade-sign imbalance: the mean tick-rule sign (``TickRule``) of the last `window` price
    /// changes, in [−1, 1]; +1 when every trade was buyer-initiated. The order-imbalance measure
    /// of Chordia, Roll & Subrahmanyam (2002, "Order imbalance, liquidity, and market returns",
    /// J. Financial Economics 65), counted in trades rather than volume. First output at bar
    /// `window`.
    static func tradeImbalanceLookback(window: Int) -> Int { window }

    static func tradeImbalanceBatch(price: UnsafeBufferPointer<Double>, window: Int, _ out: UnsafeMutableBufferPointer<Double>) {
        let n = price.count
        guard n > window else { return }
        var entering = TickRule(), leaving = TickRule()
        var sum = RollingSum()
        for t in 1..<n {
            if t > window {
                let s = t - window
                sum.remove(leaving.sign(previous: price[s - 1], current: price[s]))
            }
            sum.add(entering.sign(previous: price[t - 1], current: price[t]))
            if t >= window { out[t] = sum.mean }
        }
    }

    struct TradeImbalanceStream: ScalarFeatureStream {
        var rule = TickRule()
        var signs: RingBuffer
        var sum = RollingSum()
        var previous = Double.nan
        var started = false

        init(window: Int) { signs = RingBuffer(capacity: window) }

        mutating func next(_ price: Double) -> Double {
            defer { previous = price }
            guard started else { started = true; return .nan }
            let s = rule.sign(previous: previous, current: price)
            if signs.isFull { sum.remove(signs.oldest) }
            signs.append(s)
            sum.add(s)
            return signs.isFull ? sum.mean : .nan
        }
    }

    // MARK: Kyle's lambda

    /// Kyle's lambda: the OLS slope (with intercept) of the price change Δp_t = p_t − p_{t−1} on
    /// the signed volume q_t = s_t · v_t over the last `window` bars, s_t the tick-rule sign: the
    /// price impact per unit of order flow. Kyle (1985), "Continuous auctions and insider
    /// trading", Econometrica 53(6); estimated by regression as in Hasbrouck (2009), "Trading
    /// costs and returns for U.S. equities", J. Finance 64(3) (which uses signed √dollar volume).
    /// NaN when the signed volume is constant over the window. First output at bar `window`.
    static func kyleLambdaLookback(window: Int) -> Int { window }

    static func kyleLambdaBatch(price: UnsafeBufferPointer<Double>, volume: UnsafeBufferPointer<Double>, window: Int,
                                _ out: UnsafeMutableBufferPointer<Double>) {
        let n = price.count
        guard n > window else { return }
        var entering = TickRule(), leaving = TickRule()
        var moments = RollingPairMoments()
        for t in 1..<n {
            if t > window {
                let s = t - window
                let sign = leaving.sign(previous: price[s - 1], current: price[s])
                moments.remove(sign * volume[s], price[s] - price[s - 1])
            }
            let sign = entering.sign(previous: price[t - 1], current: price[t])
            moments.add(sign * volume[t], price[t] - price[t - 1])
            if t >= window { out[t] = moments.slopeYOnX }
        }
    }

    struct KyleLambdaStream: FeatureStream {
        var rule = TickRule()
        var flows: RingBuffer
        var changes: RingBuffer
        var moments = RollingPairMoments()
        var previous = Double.nan
        var started = false

        init(window: Int) {
            flows = RingBuffer(capacity: window)
            changes = RingBuffer(capacity: window)
        }

        /// Inputs: price (close), volume.
        mutating func update(_ inputs: UnsafeBufferPointer<Double>, _ outputs: UnsafeMutableBufferPointer<Double>) {
            let price = inputs[0], volume = inputs[1]
            defer { previous = price }
            guard started else { started = true; outputs[0] = .nan; return }
            let q = rule.sign(previous: previous, current: price) * volume, dp = price - previous
            if flows.isFull { moments.remove(flows.oldest, changes.oldest) }
            flows.append(q)
            changes.append(dp)
            moments.add(q, dp)
            outputs[0] = flows.isFull ? moments.slopeYOnX : .nan
        }
    }

    // MARK: Amihud illiquidity

    /// Amihud illiquidity: the mean over the last `window` bars of |r_t| / (p_t · v_t), with
    /// r_t = p_t / p_{t−1} − 1 the simple return and p_t · v_t the dollar volume. Amihud (2002),
    /// "Illiquidity and stock returns: cross-section and time-series effects", J. Financial
    /// Markets 5(1). Unscaled (Amihud multiplies by 10⁶). A bar with zero volume has an
    /// undefined ratio and makes the window NaN until it leaves. First output at bar `window`.
    static func amihudLookback(window: Int) -> Int { window }

    @inline(__always)
    static func amihudRatio(previous: Double, price: Double, volume: Double) -> Double {
        abs(price / previous - 1) / (price * volume)
    }

    static func amihudBatch(price: UnsafeBufferPointer<Double>, volume: UnsafeBufferPointer<Double>, window: Int,
                            _ out: UnsafeMutableBufferPointer<Double>) {
        let n = price.count
        guard n > window else { return }
        var sum = RollingSum()
        for t in 1..<n {
            if t > window {
                let s = t - window
                sum.remove(amihudRatio(previous: price[s - 1], price: price[s], volume: volume[s]))
            }
            sum.add(amihudRatio(previous: price[t - 1], price: price[t], volume: volume[t]))
            if t >= window { out[t] = sum.mean }
        }
    }

    struct AmihudStream: FeatureStream {
        var ratios: RingBuffer
        var sum = RollingSum()
        var previous = Double.nan
        var started = false

        init(window: Int) { ratios = RingBuffer(capacity: window) }

        /// Inputs: price (close), volume.
        mutating func update(_ inputs: UnsafeBufferPointer<Double>, _ outputs: UnsafeMutableBufferPointer<Double>) {
            let price = inputs[0]
            defer { previous = price }
            guard started else { started = true; outputs[0] = .nan; return }
            let ratio = amihudRatio(previous: previous, price: price, volume: inputs[1])
            if ratios.isFull { sum.remove(ratios.oldest) }
            ratios.append(ratio)
            sum.add(ratio)
            outputs[0] = ratios.isFull ? sum.mean : .nan
        }
    }

    // MARK: Roll spread

    /// Roll's implied effective spread: 2 · √(−cov(Δp_t, Δp_{t−1})), the sample (ddof 1)
    /// autocovariance of consecutive price changes over the last `window` pairs. Roll (1984), "A
    /// simple implicit measure of the effective bid-ask spread in an efficient market", J.
    /// Finance 39(4). Bid-ask bounce makes that covariance negative; when it is ≥ 0 the model
    /// does not apply and the value is NaN (rather than Roll's or Harris's signed variants), so a
    /// NaN here means "no spread estimate for this window". In price units. First output at bar
    /// `window + 1` (a pair needs three prices).
    static func rollSpreadLookback(window: Int) -> Int { window + 1 }

    @inline(__always)
    static func rollSpread(_ m: RollingPairMoments) -> Double {
        let c = m.covariance
        return c < 0 ? 2 * (-c).squareRoot() : .nan
    }

    static func rollSpreadBatch(price: UnsafeBufferPointer<Double>, window: Int, _ out: UnsafeMutableBufferPointer<Double>) {
        let n = price.count
        guard n > window + 1 else { return }
        var moments = RollingPairMoments()
        // Pair t is (Δp_t, Δp_{t−1}) for t ≥ 2.
        for t in 2..<n {
            if t > window + 1 {
                let s = t - window
                moments.remove(price[s] - price[s - 1], price[s - 1] - price[s - 2])
            }
            moments.add(price[t] - price[t - 1], price[t - 1] - price[t - 2])
            if t >= window + 1 { out[t] = rollSpread(moments) }
        }
    }

    struct RollSpreadStream: ScalarFeatureStream {
        var current: RingBuffer
        var lagged: RingBuffer
        var moments = RollingPairMoments()
        var previousPrice = Double.nan
        var previousChange = Double.nan
        var seen = 0

        init(window: Int) {
            current = RingBuffer(capacity: window)
            lagged = RingBuffer(capacity: window)
        }

        mutating func next(_ price: Double) -> Double {
            seen += 1
            let change = price - previousPrice
            defer { previousPrice = price; previousChange = change }
            guard seen >= 3 else { return .nan }
            if current.isFull { moments.remove(current.oldest, lagged.oldest) }
            current.append(change)
            lagged.append(previousChange)
            moments.add(change, previousChange)
            return current.isFull ? rollSpread(moments) : .nan
        }
    }
}

import Foundation

extension ImpliedVolatility {
    /// The implied volatilities of many options at once, in parallel over all cores.
    ///
    /// Each entry is solved exactly as ``solve(price:option:)`` would, so the output is
    /// bit-identical to a serial loop. Throws ``QuantError/Code/shapeMismatch`` when the arrays
    /// differ in length, and otherwise the error of the lowest-indexed invalid entry, its message
    /// prefixed with that index.
    public static func solve(prices: [Double], options: [VanillaOption]) throws -> [Double] {
        guard prices.count == options.count else {
            throw QuantError(.shapeMismatch, "\(prices.count) prices for \(options.count) options; expected one price per option")
        }
        let results = solveEach(prices: prices, options: options)
        var values = [Double](repeating: 0, count: results.count)
        for (i, r) in results.enumerated() {
            switch r {
            case .success(let v): values[i] = v
            case .failure(let e): throw QuantError(e.code, "option \(i): \(e.message)")
            }
        }
        return values
    }

    /// Like ``solve(prices:options:)`` but with one result per entry, so that invalid entries
    /// (a price outside its bounds, say) do not stop the others.
    public static func solveEach(prices: [Double], options: [VanillaOption]) -> [Result<Double, QuantError>] {
        let n = min(prices.count, options.count)
        let slots = DisjointSlots<Result<Double, QuantError>>(count: n, initial: .success(0))
        prices.withUnsafeBufferPointer { p in
            options.withUnsafeBufferPointer { o in
                nonisolated(unsafe) let p = p, o = o
                forEachChunk(count: n) { range in
                    for i in range {
                        do {
                            slots[i] = .success(try solve(price: p[i], option: o[i]))
                        } catch let error as QuantError {
                            slots[i] = .failure(error)
                        } catch {
                            slots[i] = .failure(QuantError(.invalidArgument, "\(error)"))
                        }
                    }
                }
            }
        }
        return slots.array
    }
}

extension VanillaOption {
    /// Prices and Greeks of many options at one volatility each, in parallel (bit-identical to
    /// a serial loop). Throws ``QuantError/Code/shapeMismatch`` for arrays of different lengths
    /// and the lowest-indexed entry's validation error, prefixed with its index.
    public static func greeks(of options: [VanillaOption], volatilities: [Double]) throws -> [OptionGreeks] {
        guard volatilities.count == options.count else {
            throw QuantError(.shapeMismatch, "\(volatilities.count) volatilities for \(options.count) options; expected one each")
        }
        for i in options.indices {
            do {
                try options[i].validate()
                try validateVolatility(volatilities[i])
            } catch let e as QuantError {
                throw QuantError(e.code, "option \(i): \(e.message)")
            }
        }
        let zero = OptionGreeks(price: 0, delta: 0, gamma: 0, vega: 0, theta: 0, rho: 0, vanna: 0, volga: 0)
        let slots = DisjointSlots<OptionGreeks>(count: options.count, initial: zero)
        options.withUnsafeBufferPointer { o in
            volatilities.withUnsafeBufferPointer { v in
                nonisolated(unsafe) let o = o, v = v
                forEachChunk(count: o.count) { range in
                    for i in range { slots[i] = o[i].unvalidatedGreeks(volatility: v[i]) }
                }
            }
        }
        return slots.array
    }
}

/// One column of Qlib's Alpha360 set (`qlib.contrib.data.loader.Alpha360DL`): a price field `lag`
/// bars back divided by today's close, `Ref($field, lag)/$close`, or the volume `lag` bars back
/// divided by today's volume, `Ref($volume, lag)/($volume+1e-12)`. Before the series is `lag`
/// bars long the value is NaN, as pandas' `shift` leaves it.
enum Alpha360Lag {
    enum Field: String, CaseIterable, Sendable {
        case CLOSE, OPEN, HIGH, LOW, VWAP, VOLUME

        var input: InputField {
            switch self {
            case .CLOSE: .close
            case .OPEN: .open
            case .HIGH: .high
            case .LOW: .low
            case .VWAP: .vwap
            case .VOLUME: .volume
            }
        }
    }

    /// The 360 (field, lag) pairs in Qlib's column order: per field, lags 59 down to 0.
    static let all: [(field: Field, lag: Int)] = Field.allCases.flatMap { f in (0...59).reversed().map { (f, $0) } }

    static func name(_ field: Field, _ lag: Int) -> String { field.rawValue + String(lag) }

    /// Input columns: the field, then the close (the volume divides by itself).
    static func inputs(_ field: Field) -> [InputField] {
        switch field {
        case .CLOSE, .VOLUME: [field.input]
        default: [field.input, .close]
        }
    }

    @inline(__always)
    static func ratio(_ field: Field, lagged: Double, close: Double, volume: Double) -> Double {
        field == .VOLUME ? lagged / (volume + 1e-12) : lagged / close
    }

    static func batch(_ field: Field, lag: Int, _ inputs: BatchInputs, _ out: UnsafeMutableBufferPointer<Double>) {
        let x = inputs[0]
        let denominator = inputs.columns.count > 1 ? inputs[1] : x
        var t = lag
        while t < inputs.count {
            out[t] = field == .VOLUME ? x[t - lag] / (x[t] + 1e-12) : x[t - lag] / denominator[t]
            t += 1
        }
    }

    struct Stream: FeatureStream {
        let field: Field
        let lag: Int
        var history = LagHistory()
        var bars = 0

        mutating func update(_ inputs: UnsafeBufferPointer<Double>, _ outputs: UnsafeMutableBufferPointer<Double>) {
            let x = inputs[0]
            history.push(x)
            bars += 1
            guard bars > lag else {
                outputs[0] = .nan
                return
            }
            let lagged = history.lag(lag)
            outputs[0] = field == .VOLUME ? lagged / (x + 1e-12) : lagged / (inputs.count > 1 ? inputs[1] : x)
        }
    }
}

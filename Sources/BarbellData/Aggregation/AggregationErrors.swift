/// Errors raised by resampling and trade aggregation.
///
/// Built in one place so the batch and streaming paths report the same problem with the same
/// ``DataError`` (tests compare them for equality), naming the 0-based input index.
enum AggregationError {
    static func unknownSourceTimeframe() -> DataError {
        DataError(.invalidArgument, "cannot resample a bar series without a timeframe (activity bars or unknown spacing)")
    }

    static func incompatible(_ source: Timeframe, _ target: Timeframe) -> DataError {
        DataError(.invalidArgument,
                  "cannot resample \(source) bars to \(target): the target must be a multiple of the source and its bar boundaries must be source boundaries")
    }

    static func barOutOfOrder(index: Int, timestamp: Int64, previous: Int64) -> DataError {
        DataError(.validationFailed,
                  "bar \(index) (0-based): timestamp \(Timestamp(nanoseconds: timestamp)) is not after the previous bar's \(Timestamp(nanoseconds: previous)); bars must be strictly increasing",
                  field: "timestamp")
    }

    static func barBeforeClock(index: Int, timestamp: Int64, clock: Int64) -> DataError {
        DataError(.validationFailed,
                  "bar \(index) (0-based): timestamp \(Timestamp(nanoseconds: timestamp)) is earlier than the clock \(Timestamp(nanoseconds: clock)) the resampler was advanced to",
                  field: "timestamp")
    }

    static func barMisaligned(index: Int, timestamp: Int64, timeframe: Timeframe) -> DataError {
        DataError(.validationFailed,
                  "bar \(index) (0-based): timestamp \(Timestamp(nanoseconds: timestamp)) is not a \(timeframe) bar start; the series' timeframe does not match its bars",
                  field: "timestamp")
    }

    static func tradeOutOfOrder(index: Int, timestamp: Int64, previous: Int64) -> DataError {
        DataError(.validationFailed,
                  "trade \(index) (0-based): timestamp \(Timestamp(nanoseconds: timestamp)) is earlier than the previous trade's \(Timestamp(nanoseconds: previous)); trades must be sorted by time",
                  field: "timestamp")
    }

    static func tradeBeforeClock(index: Int, timestamp: Int64, clock: Int64) -> DataError {
        DataError(.validationFailed,
                  "trade \(index) (0-based): timestamp \(Timestamp(nanoseconds: timestamp)) is earlier than the clock \(Timestamp(nanoseconds: clock)) the aggregator was advanced to",
                  field: "timestamp")
    }

    static func badRule(_ rule: TradeBarRule) -> DataError {
        DataError(.invalidArgument, "invalid bar rule \(rule): tick counts and volume/dollar thresholds must be positive and finite")
    }
}

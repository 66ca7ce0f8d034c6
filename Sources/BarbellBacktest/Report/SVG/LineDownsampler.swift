/// Reduces a long series to what a chart can show: within each pixel column only the first,
/// lowest, highest and last points (in their original order) are kept, so every spike and the
/// line's continuity survive while a million bars become a few thousand points. Non-finite
/// values break the line into segments instead of reaching the coordinates.
enum LineDownsampler {
    /// A kept point: pixel x, data value, and its index in the series (for per-point colours).
    struct Point: Equatable {
        var x: Double
        var value: Double
        var index: Int
    }

    /// The segments of `values` (broken at non-finite values or x positions) after keeping at
    /// most four points per pixel column; `x(i)` is the pixel x of index `i`.
    static func segments(count: Int, value: (Int) -> Double, x: (Int) -> Double) -> [[Point]] {
        var segments: [[Point]] = []
        var current: [Point] = []
        var column = Int.min
        var first = 0, last = 0, low = 0, high = 0
        var haveColumn = false

        func flush() {
            guard haveColumn else { return }
            for i in Set([first, low, high, last]).sorted() {
                current.append(Point(x: x(i), value: value(i), index: i))
            }
            haveColumn = false
        }
        func breakLine() {
            flush()
            if !current.isEmpty { segments.append(current) }
            current = []
            column = Int.min
        }

        for i in 0..<count {
            let v = value(i), px = x(i)
            guard v.isFinite, px.isFinite else { breakLine(); continue }
            let c = Int(px.rounded(.down))
            if c != column || !haveColumn {
                flush()
                column = c
                (first, last, low, high) = (i, i, i, i)
                haveColumn = true
            } else {
                last = i
                if v < value(low) { low = i }
                if v > value(high) { high = i }
            }
        }
        breakLine()
        return segments
    }
}

import BarbellData
import Foundation

/// Date ticks for a time axis: calendar years for multi-year data, months for months, days for
/// days, clock times within a day, each at a round calendar instant in UTC.
enum TimeAxis {
    /// Ticks (instant, label) within `from...to`, at most about `maxTicks` of them.
    static func ticks(from: Int64, to: Int64, maxTicks: Int) -> [(Int64, String)] {
        guard to > from, maxTicks > 0 else { return [(from, Timestamp(nanoseconds: from).display)] }
        let day = Timestamp.nanosPerDay
        let spanDays = Double(to - from) / Double(day)
        let (y0, m0, _) = CivilDate.civilFromDays(Timestamp(nanoseconds: from).epochDay)
        let (y1, _, _) = CivilDate.civilFromDays(Timestamp(nanoseconds: to).epochDay)
        if spanDays >= 730 {
            for step in [1, 2, 5, 10, 20, 50, 100, 200, 500] where (y1 - y0) / step + 1 <= maxTicks {
                return stride(from: (y0 + step - 1) / step * step, through: y1, by: step).compactMap { y in
                    let t = Timestamp(year: y, month: 1, day: 1).nanoseconds
                    return t >= from && t <= to ? (t, String(y)) : nil
                }
            }
        }
        if spanDays >= 60 {
            let months = (y1 - y0) * 12 + 12
            for step in [1, 2, 3, 6, 12] where months / step / 2 <= maxTicks || step == 12 {
                var out: [(Int64, String)] = []
                var (y, m) = (y0, m0)
                while y <= y1 {
                    let t = Timestamp(year: y, month: m, day: 1).nanoseconds
                    if (m - 1) % step == 0, t >= from, t <= to {
                        out.append((t, "\(y)-\(m < 10 ? "0" : "")\(m)"))
                    }
                    (y, m) = m == 12 ? (y + 1, 1) : (y, m + 1)
                }
                if out.count <= maxTicks { return out }
            }
        }
        // Days and clock times: multiples of a round step since the epoch (UTC midnight aligned).
        let minute = 60 * Timestamp.nanosPerSecond
        let steps: [Int64] = [1, 5, 15, 30, 60, 120, 180, 360, 720].map { $0 * minute } + [1, 2, 7, 14, 28].map { $0 * day }
        for step in steps where (to - from) / step + 1 <= Int64(maxTicks) {
            let offset = (from % step + step) % step
            let start = offset == 0 ? from : from - offset + step
            return stride(from: start, through: to, by: Int(step)).map { t in
                let ts = Timestamp(nanoseconds: t)
                let iso = ts.iso8601
                let label = step >= day ? String(iso.prefix(10)) : spanDays > 1 ? String(iso.dropFirst(5).prefix(11)).replacingOccurrences(of: "T", with: " ") : String(iso.dropFirst(11).prefix(5))
                return (t, label)
            }
        }
        // Under a few minutes: evenly spaced instants, labelled in full.
        return (0...min(maxTicks - 1, 4)).map { k in
            let t = from + (to - from) / Int64(max(min(maxTicks - 1, 4), 1)) * Int64(k)
            return (t, String(Timestamp(nanoseconds: t).iso8601.dropFirst(11)))
        }
    }
}

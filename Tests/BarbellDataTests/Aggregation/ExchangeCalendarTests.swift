import BarbellData
import Testing

@Suite("Exchange calendars")
struct ExchangeCalendarTests {
    static let nyse = WeekdaySessionCalendar.nyse

    static func day(_ y: Int, _ m: Int, _ d: Int) -> Int64 { CivilDate.daysFromCivil(year: y, month: m, day: d) }
    static func dates(_ year: Int) -> [String] {
        NYSEHolidays().holidays(inYear: year).map { String(Timestamp(nanoseconds: $0.day * Timestamp.nanosPerDay).display) }
    }

    @Test("NYSE holidays by rule")
    func nyseHolidays() {
        #expect(Self.dates(2024) == ["2024-01-01", "2024-01-15", "2024-02-19", "2024-03-29", "2024-05-27", "2024-06-19",
                                     "2024-07-04", "2024-09-02", "2024-11-28", "2024-12-25"])
        // New Year's Day 2022 fell on a Saturday: NYSE stayed open on Friday 2021-12-31;
        // Juneteenth (first observed 2022) fell on a Sunday → Monday.
        #expect(Self.dates(2022) == ["2022-01-17", "2022-02-21", "2022-04-15", "2022-05-30", "2022-06-20",
                                     "2022-07-04", "2022-09-05", "2022-11-24", "2022-12-26"])
        #expect(Self.dates(2021) == ["2021-01-01", "2021-01-18", "2021-02-15", "2021-04-02", "2021-05-31",
                                     "2021-07-05", "2021-09-06", "2021-11-25", "2021-12-24"])
        #expect(Self.nyse.isTradingDay(year: 2021, month: 12, day: 31))
        #expect(Self.dates(2023) == ["2023-01-02", "2023-01-16", "2023-02-20", "2023-04-07", "2023-05-29", "2023-06-19",
                                     "2023-07-04", "2023-09-04", "2023-11-23", "2023-12-25"])
        // Juneteenth on a Saturday → Friday; no Juneteenth before 2022, no MLK Day before 1998.
        #expect(Self.dates(2027).contains("2027-06-18"))
        #expect(!Self.dates(2021).contains("2021-06-18"))
        #expect(!Self.dates(1997).contains("1997-01-20") && Self.dates(1998).contains("1998-01-19"))
        // Special closures are part of the year's list.
        #expect(Self.dates(2001) == ["2001-01-01", "2001-01-15", "2001-02-19", "2001-04-13", "2001-05-28", "2001-07-04",
                                     "2001-09-03", "2001-09-11", "2001-09-12", "2001-09-13", "2001-09-14",
                                     "2001-11-22", "2001-12-25"])
        #expect(Self.dates(2025).contains("2025-01-09") && Self.dates(2018).contains("2018-12-05"))
        for (y, m, d) in [(1994, 4, 27), (2004, 6, 11), (2007, 1, 2), (2012, 10, 29), (2012, 10, 30), (1985, 9, 27)] {
            #expect(!Self.nyse.isTradingDay(year: y, month: m, day: d), "\(y)-\(m)-\(d)")
        }
        // Pre-1971 fixed dates and Election Day.
        #expect(Self.dates(1970).contains("1970-02-23") && Self.dates(1970).contains("1970-11-03") == false)
        #expect(Self.dates(1980).contains("1980-11-04"))
        // isHoliday agrees with the yearly lists.
        for year in 1960...2060 {
            let listed = Set(NYSEHolidays().holidays(inYear: year).map(\.day))
            for d in Self.day(year, 1, 1)...Self.day(year, 12, 31) {
                #expect(NYSEHolidays().isHoliday(day: d) == listed.contains(d))
            }
        }
    }

    @Test("Easter computus")
    func easter() {
        let known = [(1818, 3, 22), (1943, 4, 25), (2000, 4, 23), (2008, 3, 23), (2019, 4, 21), (2024, 3, 31),
                     (2025, 4, 20), (2038, 4, 25), (2285, 3, 22)]
        for (y, m, d) in known { #expect(HolidayRules.easterSunday(year: y) == Self.day(y, m, d), "\(y)") }
    }

    @Test("NYSE trading-day counts per year")
    func tradingDayCounts() {
        for (year, expected) in [(2022, 251), (2023, 250), (2024, 252)] {
            let n = Self.nyse.expectedBarCount(.oneDay, from: Timestamp(year: year, month: 1, day: 1),
                                                to: Timestamp(year: year + 1, month: 1, day: 1))
            #expect(n == expected, "\(year)")
        }
    }

    @Test("NYSE intraday sessions: DST in UTC, early closes, bucket overlap")
    func intraday() {
        func minutes(_ y: Int, _ m: Int, _ d: Int) -> [Timestamp] {
            Self.nyse.expectedBarStarts(.oneMinute, from: Timestamp(year: y, month: m, day: d), to: Timestamp(year: y, month: m, day: d + 1))
        }
        let winter = minutes(2024, 3, 8), summer = minutes(2024, 3, 11)   // DST began 2024-03-10
        #expect(winter.count == 390 && summer.count == 390)
        #expect(winter.first == Timestamp(year: 2024, month: 3, day: 8, hour: 14, minute: 30))
        #expect(winter.last == Timestamp(year: 2024, month: 3, day: 8, hour: 20, minute: 59))
        #expect(summer.first == Timestamp(year: 2024, month: 3, day: 11, hour: 13, minute: 30))
        #expect(minutes(2024, 11, 29).count == 210)   // day after Thanksgiving, 13:00 close
        #expect(minutes(2024, 7, 3).count == 210)
        #expect(minutes(2024, 12, 24).count == 210)
        #expect(minutes(2024, 7, 4).isEmpty && minutes(2024, 3, 9).isEmpty)
        // Hourly bars overlap the session: 09:00 (09:30–10:00 of trading) … 15:00 New York time.
        let hours = Self.nyse.expectedBarStarts(.oneHour, from: Timestamp(year: 2024, month: 6, day: 3), to: Timestamp(year: 2024, month: 6, day: 4))
        #expect(hours == (13...19).map { Timestamp(year: 2024, month: 6, day: 3, hour: $0) })
        #expect(Self.nyse.isExpectedBarStart(Timestamp(year: 2024, month: 6, day: 3, hour: 13), timeframe: .oneHour))
        #expect(!Self.nyse.isExpectedBarStart(Timestamp(year: 2024, month: 6, day: 3, hour: 20), timeframe: .oneHour))
        #expect(!Self.nyse.isExpectedBarStart(Timestamp(year: 2024, month: 6, day: 3, hour: 13, minute: 29), timeframe: .oneMinute))
        // Weekly bars are labelled Monday even when Monday is a holiday (MLK Day 2024-01-15).
        let weeks = Self.nyse.expectedBarStarts(Timeframe(1, .week), from: Timestamp(year: 2024, month: 1, day: 8), to: Timestamp(year: 2024, month: 1, day: 29))
        #expect(weeks == [Timestamp(year: 2024, month: 1, day: 8), Timestamp(year: 2024, month: 1, day: 15), Timestamp(year: 2024, month: 1, day: 22)])
    }

    @Test("crypto: every minute and day is expected; gaps found exactly")
    func crypto() {
        let cal = CryptoCalendar()
        let start = Timestamp(year: 1969, month: 12, day: 31, hour: 23)
        let starts = cal.expectedBarStarts(.oneMinute, from: start, to: start + 7_200 * Timestamp.nanosPerSecond)
        #expect(starts.count == 120 && starts[60] == Timestamp(nanoseconds: 0))
        var ts = starts
        ts.removeSubrange(10..<13)   // three missing
        ts.remove(at: 50)            // one missing (index shifts after the first removal)
        let gaps = cal.gaps(in: ts, timeframe: .oneMinute)
        #expect(gaps == [Gap(afterIndex: 9, firstMissing: starts[10], count: 3), Gap(afterIndex: 49, firstMissing: starts[53], count: 1)])
        #expect(cal.gaps(in: starts, timeframe: .oneMinute).isEmpty)
        #expect(cal.expectedBarCount(.oneDay, from: Timestamp(year: 2024, month: 1, day: 1), to: Timestamp(year: 2025, month: 1, day: 1)) == 366)

        // The `.crypto` / `.nyse` shorthands work wherever a calendar is taken generically.
        func dailyCount(_ calendar: some ExchangeCalendar) -> Int {
            calendar.expectedBarCount(.oneDay, from: Timestamp(year: 2024, month: 1, day: 1), to: Timestamp(year: 2024, month: 2, day: 1))
        }
        #expect(dailyCount(.crypto) == 31)
        #expect(dailyCount(.nyse) == 21)   // 23 weekdays − New Year's Day − MLK Day
    }

    @Test("gaps(in:) equals counting expectedBarStarts between neighbours", arguments: Array(UInt64(1)...12))
    func gapsMatchBruteForce(seed: UInt64) {
        var rng = AggSplitMix64(seed: seed)
        let cases: [(any ExchangeCalendar, Timeframe)] = [
            (WeekdaySessionCalendar.nyse, .oneMinute), (WeekdaySessionCalendar.nyse, .fiveMinutes), (WeekdaySessionCalendar.nyse, .oneHour),
            (WeekdaySessionCalendar.nyse, Timeframe(2, .hour)), (WeekdaySessionCalendar.nyse, .oneDay), (WeekdaySessionCalendar.nyse, Timeframe(1, .week)),
            (CryptoCalendar(), Timeframe(7, .minute)), (CryptoCalendar(), .oneDay), (CryptoCalendar(), Timeframe(1, .week)),
        ]
        for (calendar, tf) in cases {
            let from = Timestamp(year: Int.random(in: 1995...2025, using: &rng), month: Int.random(in: 1...12, using: &rng), day: 1)
            let spanDays = tf.nanoseconds >= Timestamp.nanosPerDay ? 800 : 40
            let to = from + Int64(spanDays) * Timestamp.nanosPerDay
            let expected = calendar.expectedBarStarts(tf, from: from, to: to)
            // Keep a random subset, plus a few unexpected bars (off-session) thrown in.
            var kept = expected.filter { _ in Int.random(in: 0..<10, using: &rng) < 8 }
            for _ in 0..<3 { kept.append(from + Int64.random(in: 0..<(to.nanoseconds - from.nanoseconds), using: &rng)) }
            kept = Array(Set(kept)).sorted()
            let gaps = calendar.gaps(in: kept, timeframe: tf)
            var brute: [Gap] = []
            var k = 0
            for i in 0..<(kept.count - 1) {
                while k < expected.count && expected[k] <= kept[i] { k += 1 }
                var j = k
                while j < expected.count && expected[j] < kept[i + 1] { j += 1 }
                if j > k { brute.append(Gap(afterIndex: i, firstMissing: expected[k], count: j - k)) }
            }
            #expect(gaps == brute, "\(calendar.name) \(tf) seed \(seed)")
            for t in expected.prefix(300) { #expect(calendar.isExpectedBarStart(t, timeframe: tf)) }
            #expect(calendar.expectedBarCount(tf, from: from, to: to) == expected.count)
        }
    }

    @Test("a million 1-minute bars: gap detection is linear and fast")
    func millionBars() {
        var rng = AggSplitMix64(seed: 7)
        let start = Timestamp(year: 2021, month: 1, day: 1).nanoseconds
        let minute: Int64 = 60 * Timestamp.nanosPerSecond
        var ts: [Timestamp] = []
        ts.reserveCapacity(1_000_000)
        var removed = 0
        var k: Int64 = 0
        while ts.count < 1_000_000 {
            if Int.random(in: 0..<1000, using: &rng) == 0 { removed += 1 } else { ts.append(Timestamp(nanoseconds: start + k * minute)) }
            k += 1
        }
        let clock = ContinuousClock()
        var gaps: [Gap] = []
        let crypto = clock.measure { gaps = CryptoCalendar().gaps(in: ts, timeframe: .oneMinute) }
        #expect(gaps.reduce(0) { $0 + $1.count } == removed)
        // A decade of NYSE session minutes (~980k bars) with holes: nights, weekends and
        // holidays are not gaps, the holes are.
        let nyseAll = WeekdaySessionCalendar.nyse.expectedBarStarts(.oneMinute, from: Timestamp(year: 2010, month: 1, day: 1),
                                                                    to: Timestamp(year: 2020, month: 1, day: 1))
        #expect(nyseAll.count > 950_000)
        let nyseBars = nyseAll.filter { _ in Int.random(in: 0..<1000, using: &rng) != 0 }
        let nyse = clock.measure { gaps = WeekdaySessionCalendar.nyse.gaps(in: nyseBars, timeframe: .oneMinute) }
        let expected = WeekdaySessionCalendar.nyse.expectedBarCount(.oneMinute, from: nyseBars.first!, to: nyseBars.last! + 1)
        #expect(gaps.reduce(0) { $0 + $1.count } + nyseBars.count == expected)
        print("gaps over 1M crypto minutes: \(crypto); over \(nyseBars.count) NYSE minutes: \(nyse)")
        #expect(crypto < .seconds(5) && nyse < .seconds(5))
    }
}

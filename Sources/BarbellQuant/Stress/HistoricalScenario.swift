import BarbellData

/// A named window of market history to replay against a portfolio.
public struct HistoricalScenario: Sendable, Equatable, Codable {
    /// A stable key, e.g. `gfc_2008`.
    public var name: String
    /// The first and last day of the window (the return runs from the close before `start`'s
    /// session, i.e. the last close on or before `start`, to the last close on or before `end`).
    public var start: Timestamp
    public var end: Timestamp
    public var summary: String

    public init(name: String, start: Timestamp, end: Timestamp, summary: String) {
        self.name = name
        self.start = start
        self.end = end
        self.summary = summary
    }

    /// The four standard crises, dated peak to trough of the S&P 500.
    public static let standard: [HistoricalScenario] = [
        HistoricalScenario(name: "black_monday_1987", start: Timestamp(year: 1987, month: 10, day: 1), end: Timestamp(year: 1987, month: 10, day: 31),
                           summary: "October 1987 crash (Black Monday, 19 Oct: S&P 500 −20.5% in a day)"),
        HistoricalScenario(name: "dotcom_2000_2002", start: Timestamp(year: 2000, month: 3, day: 24), end: Timestamp(year: 2002, month: 10, day: 9),
                           summary: "Dot-com bust, S&P 500 peak 24 Mar 2000 to trough 9 Oct 2002"),
        HistoricalScenario(name: "gfc_2008", start: Timestamp(year: 2007, month: 10, day: 9), end: Timestamp(year: 2009, month: 3, day: 9),
                           summary: "Global financial crisis, S&P 500 peak 9 Oct 2007 to trough 9 Mar 2009"),
        HistoricalScenario(name: "covid_2020", start: Timestamp(year: 2020, month: 2, day: 19), end: Timestamp(year: 2020, month: 3, day: 23),
                           summary: "COVID-19 crash, S&P 500 peak 19 Feb 2020 to trough 23 Mar 2020"),
    ]
}

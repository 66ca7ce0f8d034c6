/// The test indices cut into maximal runs of consecutive samples, each with the bars its labels
/// read. A run, not a single sample, is the unit of purging: AFML 7.4 purges against the period
/// from the run's first span start to its last span end, which also covers bars between test
/// labels that no single test span reads.
struct TestPeriod: Sendable, Equatable {
    /// First and last test sample of the run.
    let first: Int
    let last: Int
    /// Earliest span start and latest span end over the run's samples.
    let span: LabelSpan

    /// Runs of consecutive indices in `test` (ascending, in range of `spans`).
    static func runs(of test: [Int], spans: [LabelSpan]) -> [TestPeriod] {
        var result: [TestPeriod] = []
        var i = 0
        while i < test.count {
            var j = i
            while j + 1 < test.count, test[j + 1] == test[j] + 1 { j += 1 }
            var lo = Int.max
            var hi = Int.min
            for t in test[i...j] {
                lo = min(lo, spans[t].start)
                hi = max(hi, spans[t].end)
            }
            // Valid by construction: every span has 0 ≤ start ≤ end.
            result.append(TestPeriod(first: test[i], last: test[j], span: try! LabelSpan(start: lo, end: hi)))
            i = j + 1
        }
        return result
    }
}

/// Removes from `candidates` every sample whose span overlaps a test period (purged) or, failing
/// that, reads one of the `embargo` bars right after a test period's end (embargoed): AFML 7.2
/// pushes the test period's end `embargo` bars later before purging (snippet 7.1).
func purge(candidates: [Int], test: [Int], spans: [LabelSpan], embargo: Int) -> Split {
    let periods = TestPeriod.runs(of: test, spans: spans)
    var train: [Int] = []
    var purged: [Int] = []
    var embargoed: [Int] = []
    for i in candidates {
        let s = spans[i]
        if periods.contains(where: { s.overlaps($0.span) }) {
            purged.append(i)
        } else if embargo > 0, periods.contains(where: { p in
            s.start <= p.span.end + embargo && s.end > p.span.end
        }) {
            embargoed.append(i)
        } else {
            train.append(i)
        }
    }
    return Split(train: train, test: test, purged: purged, embargoed: embargoed)
}

import BarbellData
import BarbellQuant
@testable import BarbellRegimes
import Testing

/// Seeded simulated series with planted breaks, for detection and false-alarm rates.
///
/// Each series has 2,000 bars of unit-variance Gaussian noise (SplitMix64, draws by inversion)
/// and 8 breaks at bars 150 + 230j + U{0, …, 49}, j = 0…7 (so at least 181 bars apart):
/// - `meanShift`: the level moves by 3σ at each break, alternating between 0 and ±3σ (the sign
///   drawn each time the level leaves 0), so every segment's level is within 3σ of the prior mean 0;
/// - `varianceShift`: σ toggles between 1 and 3 at each break (mean 0);
/// - `jump`: a single-bar jump of ±6σ at each break (the returns of a price with jumps);
/// - `null`: no break at all (false alarms only).
struct PlantedSeries {
    enum Kind { case meanShift, varianceShift, jump, null }
    let values: [Double]
    let breaks: [Int]

    init(_ kind: Kind, seed: UInt64, count: Int = 2000) {
        var rng = SplitMix64(seed: seed)
        var breaks: [Int] = []
        if kind != .null {
            for j in 0..<8 { breaks.append(150 + 230 * j + Int(rng.next() % 50)) }
        }
        var level = 0.0, sigma = 1.0
        var values: [Double] = []
        var next = 0
        for t in 0..<count {
            var jump = 0.0
            if next < breaks.count, breaks[next] == t {
                let sign: Double = rng.next() % 2 == 0 ? 1 : -1
                switch kind {
                case .meanShift: level = level == 0 ? 3 * sign : 0
                case .varianceShift: sigma = sigma == 1 ? 3 : 1
                case .jump: jump = 6 * sign
                case .null: break
                }
                next += 1
            }
            values.append(level + jump + sigma * StandardNormal.sample(using: &rng))
        }
        self.values = values
        self.breaks = breaks
    }
}

/// Detection rate (a planted break with an alarm in [b, b + tolerance]) and false alarms (alarms
/// in no such window) per 1,000 bars, pooled over the series.
struct DetectionRates: CustomStringConvertible {
    var detected = 0, planted = 0, falseAlarms = 0, bars = 0

    mutating func add(alarms: [Bool], breaks: [Int], tolerance: Int) {
        planted += breaks.count
        bars += alarms.count
        detected += breaks.filter { b in (b...min(b + tolerance, alarms.count - 1)).contains { alarms[$0] } }.count
        falseAlarms += alarms.indices.filter { t in alarms[t] && !breaks.contains { t >= $0 && t <= $0 + tolerance } }.count
    }

    var detectionRate: Double { planted == 0 ? .nan : Double(detected) / Double(planted) }
    var falseAlarmsPer1000: Double { 1000 * Double(falseAlarms) / Double(bars) }
    var description: String {
        "detected \(detected)/\(planted), false alarms \(falseAlarms) in \(bars) bars (\(falseAlarmsPer1000) per 1,000)"
    }
}

@Suite("Change-point detectors on planted breaks: detection and false-alarm rates")
struct ChangePointPlantedTests {
    static let seeds: [UInt64] = Array(1...10)

    typealias Detector = @Sendable ([Double]) throws -> [Bool]

    /// Hazard 1/250, prior (μ₀, κ, α, β) = (0, 1, 1, 1), alarm when P(r_t < w) crosses ½ with w
    /// the tolerance (10 bars for mean shifts; 20 for variance shifts, which take longer to show).
    static func bocpd(window: Int) -> Detector {
        { x in
            try BayesianOnlineChangePoint.detect(x, hazard: 1.0 / 250, prior: NormalGammaPrior(mean: 0, kappa: 1, alpha: 1, beta: 1),
                                                 changeWindow: window).map(\.isChange)
        }
    }
    static let cusum: Detector = { x in try CUSUMDetector.detect(x, drift: 0.5, threshold: 8, burnIn: 20).map { $0.alarm != nil } }
    static let pageHinkley: Detector = { x in try PageHinkleyDetector.detect(x, delta: 0.5, lambda: 10, minimumInstances: 20).map { $0.alarm != nil } }
    static let leeMykland: Detector = { x in try LeeMyklandJumpTest.detect(x, window: 100, significance: 0.05).map(\.isJump) }
    static let robustZ: Detector = { x in try RobustZScore.detect(x, window: 50, threshold: 4).map(\.isAnomaly) }

    static func rates(_ detector: Detector, _ kind: PlantedSeries.Kind, tolerance: Int) throws -> DetectionRates {
        var rates = DetectionRates()
        for seed in seeds {
            let series = PlantedSeries(kind, seed: seed)
            rates.add(alarms: try detector(series.values), breaks: series.breaks, tolerance: tolerance)
        }
        return rates
    }

    @Test("mean shifts of 3σ: BOCPD, CUSUM and Page-Hinkley detect within 10 bars, rarely raise false alarms")
    func meanShifts() throws {
        for (name, detector) in [("BOCPD", Self.bocpd(window: 10)), ("CUSUM", Self.cusum), ("Page-Hinkley", Self.pageHinkley)] {
            let r = try Self.rates(detector, .meanShift, tolerance: 10)
            print("mean shift 3σ, \(name): \(r)")
            #expect(r.detectionRate >= 0.9, "\(name): \(r)")
            #expect(r.falseAlarmsPer1000 < 2, "\(name): \(r)")
        }
    }

    @Test("variance shifts ×3 (up and down): BOCPD detects within 20 bars")
    func varianceShifts() throws {
        let r = try Self.rates(Self.bocpd(window: 20), .varianceShift, tolerance: 20)
        print("variance shift ×3, BOCPD: \(r)")
        #expect(r.detectionRate >= 0.9, "\(r)")
        #expect(r.falseAlarmsPer1000 < 2, "\(r)")
    }

    @Test("jumps of 6σ: Lee-Mykland and the robust z-score flag the jump bar itself")
    func jumps() throws {
        for (name, detector) in [("Lee-Mykland", Self.leeMykland), ("robust z", Self.robustZ)] {
            let r = try Self.rates(detector, .jump, tolerance: 0)
            print("jump 6σ, \(name): \(r)")
            #expect(r.detectionRate >= 0.9, "\(name): \(r)")
            #expect(r.falseAlarmsPer1000 < 1, "\(name): \(r)")
        }
    }

    @Test("pure noise: false alarms per 1,000 bars")
    func null() throws {
        for (name, detector) in [("BOCPD", Self.bocpd(window: 10)), ("CUSUM", Self.cusum), ("Page-Hinkley", Self.pageHinkley),
                                 ("Lee-Mykland", Self.leeMykland), ("robust z", Self.robustZ)] {
            let r = try Self.rates(detector, .null, tolerance: 0)
            print("null, \(name): \(r)")
            #expect(r.falseAlarmsPer1000 < 1, "\(name): \(r)")
        }
    }
}

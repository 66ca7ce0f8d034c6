import BarbellTorch
import Foundation
import Testing

/// Learning-rate schedules against torch.optim.lr_scheduler 1.13
/// (Tests/Fixtures/torch/schedules.py).
@Suite("Learning-rate schedules against torch.optim.lr_scheduler")
struct LearningRateScheduleTests {
    struct Case: Decodable {
        let warmup: Int?, start: Double?, minimum: Double?
        let total: Int
        let fraction: Double?, div: Double?, final_div: Double?
        let rates: [Double]
    }
    struct Fixture: Decodable { let base: Double; let cases: [String: Case] }

    static let fixture: Fixture = try! JSONDecoder().decode(Fixture.self, from: Data(contentsOf:
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Fixtures/torch/schedules.json")))

    @Test("every step's rate matches PyTorch's", arguments: ["warmup_cosine", "one_cycle"])
    func matchesPyTorch(_ name: String) throws {
        let c = try #require(Self.fixture.cases[name])
        let schedule: LearningRateSchedule = name == "one_cycle"
            ? .oneCycle(totalSteps: c.total, warmupFraction: c.fraction!, divFactor: c.div!, finalDivFactor: c.final_div!)
            : .warmupCosine(warmupSteps: c.warmup!, startFactor: c.start!, totalSteps: c.total, minimum: c.minimum!)
        try schedule.validate()
        for (step, expected) in c.rates.enumerated() {
            let rate = schedule.rate(at: step, base: Self.fixture.base)
            // PyTorch updates some of these recursively (rate_t from rate_{t−1}); the closed form
            // differs from it by rounding only.
            #expect(abs(rate - expected) <= 1e-12 * max(expected, 1e-3), "step \(step): \(rate) vs \(expected)")
        }
    }

    @Test("constant stays at the base; bad settings are rejected")
    func constantAndBadInput() throws {
        #expect(LearningRateSchedule.constant.rate(at: 1_000, base: 0.3) == 0.3)
        #expect(throws: TorchError.self) { try LearningRateSchedule.warmupCosine(warmupSteps: 10, totalSteps: 10).validate() }
        #expect(throws: TorchError.self) { try LearningRateSchedule.oneCycle(totalSteps: 1).validate() }
        #expect(throws: TorchError.self) { try LearningRateSchedule.oneCycle(totalSteps: 10, warmupFraction: 1.2).validate() }
    }
}

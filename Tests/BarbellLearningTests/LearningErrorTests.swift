import BarbellLearning
import Testing

@Suite("Learning errors")
struct LearningErrorTests {
    @Test("an error reads as its code and message")
    func describes() {
        let e = LearningError(.leakage, "training row 12's label window ends 2020-01-03, inside test fold 2")
        #expect(e.description == "LearningError.leakage: training row 12's label window ends 2020-01-03, inside test fold 2")
        #expect(e.code == .leakage)
    }
}

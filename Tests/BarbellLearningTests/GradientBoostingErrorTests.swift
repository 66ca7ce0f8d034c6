import BarbellLearning
import Foundation
import Testing

@Suite("GradientBoosting errors")
struct GradientBoostingErrorTests {
    // 6 rows × 2 columns, targets 0/1 so every objective but multi-class accepts them.
    static let x: [Double] = [0, 1, 1, 0, 2, 1, 3, 0, 4, 1, 5, 0]
    static let y: [Double] = [0, 0, 1, 0, 1, 1]
    static func config(_ objective: GradientBoostingConfiguration.Objective = .regression) -> GradientBoostingConfiguration {
        var configuration = GradientBoostingConfiguration(objective: objective)
        configuration.rounds = 3
        configuration.threads = 1
        return configuration
    }

    /// The code of the LearningError `body` throws; nil when it returns or throws anything else.
    static func code(_ body: () throws -> Void) -> LearningError.Code? {
        do { try body(); return nil } catch let error as LearningError { return error.code } catch { return nil }
    }

    @Test("bad shapes and values are rejected with a LearningError")
    func badData() {
        #expect(Self.code { _ = try GradientBoosting.train(Self.config(), x: Self.x, rows: 6, columns: 3, y: Self.y) } == .shapeMismatch)
        #expect(Self.code { _ = try GradientBoosting.train(Self.config(), x: Self.x, rows: 6, columns: 2, y: [1]) } == .shapeMismatch)
        #expect(Self.code { _ = try GradientBoosting.train(Self.config(), x: [], rows: 0, columns: 2, y: []) } == .insufficientData)
        var nanY = Self.y
        nanY[3] = .nan
        #expect(Self.code { _ = try GradientBoosting.train(Self.config(), x: Self.x, rows: 6, columns: 2, y: nanY) } == .nonFinite)
        var infX = Self.x
        infX[5] = .infinity
        #expect(Self.code { _ = try GradientBoosting.train(Self.config(), x: infX, rows: 6, columns: 2, y: Self.y) } == .nonFinite)
        #expect(Self.code { _ = try GradientBoosting.train(Self.config(.binary), x: Self.x, rows: 6, columns: 2, y: [0, 2, 1, 0, 1, 1]) } == .invalidArgument)
        #expect(Self.code { _ = try GradientBoosting.train(Self.config(.multiClass(classes: 3)), x: Self.x, rows: 6, columns: 2, y: [0, 1.5, 1, 0, 1, 1]) } == .invalidArgument)
        #expect(Self.code { _ = try GradientBoosting.train(Self.config(), x: Self.x, rows: 6, columns: 2, y: Self.y, weights: [1, 1]) } == .shapeMismatch)
        #expect(Self.code { _ = try GradientBoosting.train(Self.config(), x: Self.x, rows: 6, columns: 2, y: Self.y, weights: [1, 1, -1, 1, 1, 1]) } == .nonFinite)
        #expect(Self.code { _ = try GradientBoosting.train(Self.config(), x: Self.x, rows: 6, columns: 2, y: Self.y, validation: (x: [1, 2, 3], y: [0])) } == .shapeMismatch)
        #expect(Self.code { _ = try GradientBoosting.train(Self.config(), x: Self.x, rows: 6, columns: 2, y: Self.y, earlyStoppingRounds: 3) } == .invalidArgument)
    }

    @Test("parameters outside their domain are rejected")
    func badParameters() {
        var configurations: [GradientBoostingConfiguration] = []
        for change in [{ (c: inout GradientBoostingConfiguration) in c.eta = 0 }, { $0.rounds = 0 }, { $0.subsample = 0 },
                       { $0.colsampleByTree = 1.5 }, { $0.lambda = .nan }, { $0.maxDepth = -1 }, { $0.threads = -1 },
                       { $0.objective = .multiClass(classes: 1) }] {
            var configuration = Self.config()
            change(&configuration)
            configurations.append(configuration)
        }
        for configuration in configurations {
            #expect(Self.code { _ = try GradientBoosting.train(configuration, x: Self.x, rows: 6, columns: 2, y: Self.y) } == .invalidArgument)
        }
    }

    @Test("an XGBoost failure carries XGBGetLastError's text")
    func xgboostFailure() {
        var configuration = Self.config()
        configuration.treeMethod = "no-such-method"
        do {
            _ = try GradientBoosting.train(configuration, x: Self.x, rows: 6, columns: 2, y: Self.y)
            Issue.record("expected a throw")
        } catch {
            #expect(error.message.contains("XGBoost") && error.message.contains("no-such-method"), "\(error.message)")
        }
    }

    @Test("prediction, save and load reject bad input")
    func badUse() throws {
        let model = try GradientBoosting.train(Self.config(), x: Self.x, rows: 6, columns: 2, y: Self.y)
        #expect(Self.code { _ = try model.predict(x: [1, 2, 3], rows: 1) } == .shapeMismatch)
        #expect(Self.code { _ = try model.contributions(x: [], rows: 0) } == .insufficientData)
        #expect(Self.code { try model.save(to: "/tmp/model.ubj") } == .invalidArgument)
        #expect(Self.code { _ = try GradientBoosting.load(from: "/nonexistent/model.json") } == .invalidArgument)
        let garbage = FileManager.default.temporaryDirectory.appendingPathComponent("gb-garbage-\(UUID().uuidString).json").path
        defer { try? FileManager.default.removeItem(atPath: garbage) }
        try Data("{not a model".utf8).write(to: URL(fileURLWithPath: garbage))
        #expect(Self.code { _ = try GradientBoosting.load(from: garbage) } == .invalidArgument)
    }
}

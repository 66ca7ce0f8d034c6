import BarbellLearning
import BarbellQuant
import Testing

@Suite("Linear model errors")
struct LinearModelsErrorTests {
    static let x: [[Double]] = [[1, 2], [2, 1], [3, 5], [4, 3], [5, 6], [6, 4]]
    static let y: [Double] = [1, 2, 3, 4, 5, 7]
    static let cls: [Double] = [0, 1, 0, 1, 1, 0]

    static func code(_ body: () throws -> Void) -> LearningError.Code? {
        do { try body() } catch { return (error as? LearningError)?.code }
        return nil
    }

    @Test("bad hyper-parameters")
    func parameters() {
        #expect(Self.code { _ = try Ridge(alpha: -1) } == .invalidArgument)
        #expect(Self.code { _ = try Ridge(alpha: .nan) } == .invalidArgument)
        #expect(Self.code { _ = try Lasso(alpha: -0.1) } == .invalidArgument)
        #expect(Self.code { _ = try Lasso(alpha: 0) } == .invalidArgument)
        #expect(Self.code { _ = try Lasso(alpha: 1, maxIter: 0) } == .invalidArgument)
        #expect(Self.code { _ = try Lasso(alpha: 1, tol: 0) } == .invalidArgument)
        #expect(Self.code { _ = try LogisticRegression(c: 0) } == .invalidArgument)
        #expect(Self.code { _ = try Ridge(alpha: 0) } == nil)
    }

    @Test("shape mismatches: ragged rows, y length, weight length, predict columns")
    func shapes() throws {
        var m = try Ridge()
        #expect(Self.code { try m.fit(x: [[1, 2], [3]], y: [1, 2]) } == .shapeMismatch)
        #expect(Self.code { try m.fit(x: Self.x, y: [1, 2, 3]) } == .shapeMismatch)
        #expect(Self.code { try m.fit(x: Self.x, y: Self.y, sampleWeight: [1, 1]) } == .shapeMismatch)
        #expect(Self.code { try m.fit(x: [[Double]](), y: []) } == .insufficientData)
        try m.fit(x: Self.x, y: Self.y)
        #expect(Self.code { _ = try m.predict([[1, 2, 3]]) } == .shapeMismatch)
        #expect(Self.code { _ = try Ridge().predict([[1, 2]]) } == .invalidArgument)
    }

    @Test("NaN in x, y or weights names its row")
    func nonFinite() throws {
        var m = try Lasso(alpha: 0.1)
        var bad = Self.x; bad[3][1] = .nan
        do { try m.fit(x: bad, y: Self.y); Issue.record("expected an error") } catch {
            let e = error as? LearningError
            #expect(e?.code == .nonFinite && e?.message.contains("row 3") == true)
        }
        var by = Self.y; by[2] = .infinity
        #expect(Self.code { try m.fit(x: Self.x, y: by) } == .nonFinite)
        #expect(Self.code { try m.fit(x: Self.x, y: Self.y, sampleWeight: [1, 1, .nan, 1, 1, 1]) } == .nonFinite)
        #expect(Self.code { try m.fit(x: Self.x, y: Self.y, sampleWeight: [1, 1, -1, 1, 1, 1]) } == .invalidArgument)
        #expect(Self.code { try m.fit(x: Self.x, y: Self.y, sampleWeight: [0, 0, 0, 0, 0, 0]) } == .invalidArgument)
    }

    @Test("logistic regression needs exactly two classes")
    func classes() throws {
        var m = try LogisticRegression()
        #expect(Self.code { try m.fit(x: Self.x, y: [1, 1, 1, 1, 1, 1]) } == .invalidArgument)
        #expect(Self.code { try m.fit(x: Self.x, y: [0, 1, 2, 0, 1, 2]) } == .invalidArgument)
        // Any two labels work; the larger is the positive class.
        try m.fit(x: Self.x, y: Self.cls.map { $0 == 1 ? 5 : -3 })
        #expect(m.classes == [-3, 5])
        #expect(try m.predict(Self.x).allSatisfy { $0 == 5 || $0 == -3 })
    }

    @Test("multinomial refuses one class, bad C, and predicting before fit")
    func multinomial() throws {
        #expect(Self.code { _ = try MultinomialLogisticRegression(c: -1) } == .invalidArgument)
        var m = try MultinomialLogisticRegression()
        #expect(Self.code { try m.fit(x: Self.x, y: [2, 2, 2, 2, 2, 2]) } == .invalidArgument)
        #expect(Self.code { _ = try m.predict(Self.x) } == .invalidArgument)
        #expect(Self.code { try m.fit(x: Self.x, y: [0, 1, 2, 0, 1]) } == .shapeMismatch)
        try m.fit(x: Self.x, y: [0, 1, 2, 0, 1, 2])
        #expect(Self.code { _ = try m.predict([[1]]) } == .shapeMismatch)
        #expect(try m.predictProbabilities(Self.x).allSatisfy { abs($0.reduce(0, +) - 1) < 1e-12 })
    }

    @Test("lasso that cannot converge in maxIter is an error")
    func lassoNotConverged() throws {
        var m = try Lasso(alpha: 0.001, maxIter: 1, tol: 1e-14)
        do { try m.fit(x: Self.x, y: Self.y); Issue.record("expected an error") } catch {
            let e = error as? LearningError
            #expect(e?.code == .notConverged && e?.message.contains("maxIter") == true)
        }
    }
}

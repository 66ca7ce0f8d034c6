import BarbellLearning
import BarbellQuant
import Testing

@Suite("Linear models vs scikit-learn")
struct LinearModelsTests {
    let fx: LinearFixture
    init() throws { fx = try LinearFixture.load() }

    @Test("Ridge(cholesky) coefficients, intercept and predictions to 1e-10")
    func ridge() throws {
        for ref in fx.ridge {
            var m = try Ridge(alpha: ref.alpha!, fitIntercept: ref.fitIntercept)
            try m.fit(x: fx.x, y: fx.y, sampleWeight: ref.weighted ? fx.weights : nil)
            #expect(LinearFixture.maxDiff(m.coefficients, ref.coef) < 1e-10, "alpha \(ref.alpha!) \(ref.fitIntercept) \(ref.weighted)")
            #expect(abs(m.intercept - ref.intercept) < 1e-10)
            #expect(LinearFixture.maxDiff(try m.predict(fx.xPredict), ref.predict) < 1e-9)
        }
    }

    @Test("Lasso coordinate descent coefficients to 1e-8, exact zeros where sklearn has them")
    func lasso() throws {
        for ref in fx.lasso {
            var m = try Lasso(alpha: ref.alpha!, fitIntercept: ref.fitIntercept, maxIter: 100_000, tol: 1e-10)
            try m.fit(x: fx.x, y: fx.y, sampleWeight: ref.weighted ? fx.weights : nil)
            #expect(LinearFixture.maxDiff(m.coefficients, ref.coef) < 1e-8, "alpha \(ref.alpha!) \(ref.fitIntercept) \(ref.weighted)")
            #expect(abs(m.intercept - ref.intercept) < 1e-8)
            #expect(m.coefficients.map { $0 == 0 } == ref.coef.map { $0 == 0 })
            #expect(LinearFixture.maxDiff(try m.predict(fx.xPredict), ref.predict) < 1e-7)
        }
    }

    @Test("Logistic regression: coefficients to 1e-6 of lbfgs; coefficients and probabilities to 1e-8 of newton-cholesky")
    func logistic() throws {
        for ref in fx.logistic {
            var m = try LogisticRegression(c: ref.C!, fitIntercept: ref.fitIntercept)
            try m.fit(x: fx.x, y: fx.classes, sampleWeight: ref.weighted ? fx.weights : nil)
            #expect(LinearFixture.maxDiff(m.coefficients, ref.coef) < 1e-6, "C \(ref.C!) \(ref.fitIntercept) \(ref.weighted)")
            #expect(abs(m.intercept - ref.intercept) < 1e-6)
            // sklearn's own lbfgs stops ~5e-8 short of the optimum in probability (see linear.py).
            #expect(LinearFixture.maxDiff(try m.predictProbability(fx.xPredict), ref.probability!) < 1e-6)
            #expect(LinearFixture.maxDiff(m.coefficients, ref.coefNewton!) < 1e-8)
            #expect(abs(m.intercept - ref.interceptNewton!) < 1e-8)
            #expect(LinearFixture.maxDiff(try m.predictProbability(fx.xPredict), ref.probabilityNewton!) < 1e-8)
            #expect(try m.predict(fx.xPredict) == ref.predict)
        }
    }

    @Test("Multinomial: coefficients to 1e-6 of lbfgs; coefficients and probabilities to 1e-8 of newton-cholesky")
    func multinomial() throws {
        for ref in fx.multinomial {
            var m = try MultinomialLogisticRegression(c: ref.C, fitIntercept: ref.fitIntercept)
            try m.fit(x: fx.x, y: fx.classes3, sampleWeight: ref.weighted ? fx.weights : nil)
            #expect(m.classes == ref.classes)
            let label = "C \(ref.C) \(ref.fitIntercept) \(ref.weighted)"
            #expect(LinearFixture.maxDiff(m.coefficients.flatMap { $0 }, ref.coef.flatMap { $0 }) < 1e-6, "\(label)")
            #expect(LinearFixture.maxDiff(m.intercepts, ref.intercept) < 1e-6)
            #expect(LinearFixture.maxDiff(m.coefficients.flatMap { $0 }, ref.coefNewton.flatMap { $0 }) < 1e-8, "\(label)")
            #expect(LinearFixture.maxDiff(m.intercepts, ref.interceptNewton) < 1e-8)
            let prob = try m.predictProbabilities(fx.xPredict)
            #expect(LinearFixture.maxDiff(prob.flatMap { $0 }, ref.probabilityNewton.flatMap { $0 }) < 1e-8, "\(label)")
            #expect(try m.predict(fx.xPredict) == ref.predict)
        }
    }

    @Test("two-class multinomial at C is binary logistic at 2C with w = w₂ − w₁")
    func multinomialTwoClasses() throws {
        for intercept in [true, false] {
            var m = try MultinomialLogisticRegression(c: 0.4, fitIntercept: intercept)
            var b = try LogisticRegression(c: 0.8, fitIntercept: intercept)
            try m.fit(x: fx.x, y: fx.classes, sampleWeight: fx.weights)
            try b.fit(x: fx.x, y: fx.classes, sampleWeight: fx.weights)
            #expect(LinearFixture.maxDiff(zip(m.coefficients[1], m.coefficients[0]).map { $0 - $1 }, b.coefficients) < 1e-9)
            #expect(abs((m.intercepts[1] - m.intercepts[0]) - b.intercept) < 1e-9)
            #expect(LinearFixture.maxDiff(try m.predictProbabilities(fx.xPredict).map { $0[1] }, try b.predictProbability(fx.xPredict)) < 1e-10)
        }
    }

    @Test("Matrix and [[Double]] inputs give the same fit")
    func matrixInput() throws {
        let x = try Matrix(fx.x)
        var a = try Ridge(alpha: 2), b = try Ridge(alpha: 2)
        try a.fit(x: x, y: fx.y)
        try b.fit(x: fx.x, y: fx.y)
        #expect(a.coefficients == b.coefficients && a.intercept == b.intercept)
    }

    @Test("integer weights equal repeated rows (Ridge, Lasso, logistic)")
    func weightsAsRepeats() throws {
        let rows = Array(fx.x.prefix(60)), y = Array(fx.y.prefix(60)), cls = Array(fx.classes.prefix(60))
        let counts = (0..<60).map { Double($0 % 3 + 1) }
        var rx: [[Double]] = [], ry: [Double] = [], rc: [Double] = []
        for i in 0..<60 { for _ in 0..<Int(counts[i]) { rx.append(rows[i]); ry.append(y[i]); rc.append(cls[i]) } }
        var r1 = try Ridge(alpha: 3), r2 = try Ridge(alpha: 3)
        try r1.fit(x: rows, y: y, sampleWeight: counts); try r2.fit(x: rx, y: ry)
        #expect(LinearFixture.maxDiff(r1.coefficients, r2.coefficients) < 1e-10)
        var l1 = try LogisticRegression(c: 0.7), l2 = try LogisticRegression(c: 0.7)
        try l1.fit(x: rows, y: cls, sampleWeight: counts); try l2.fit(x: rx, y: rc)
        #expect(LinearFixture.maxDiff(l1.coefficients, l2.coefficients) < 1e-9)
        // Lasso rescales weights to sum to n, so repeats match weights times n/Σw: same objective.
        var s1 = try Lasso(alpha: 0.1, tol: 1e-12), s2 = try Lasso(alpha: 0.1, tol: 1e-12)
        try s1.fit(x: rows, y: y, sampleWeight: counts); try s2.fit(x: rx, y: ry)
        #expect(LinearFixture.maxDiff(s1.coefficients, s2.coefficients) < 1e-8)
    }

    @Test("a constant target gives zero coefficients and the constant as intercept")
    func constantTarget() throws {
        let y = [Double](repeating: 4.25, count: fx.x.count)
        var l = try Lasso(alpha: 0.1, tol: 1e-12)
        try l.fit(x: fx.x, y: y)
        #expect(l.coefficients.allSatisfy { $0 == 0 } && abs(l.intercept - 4.25) < 1e-12)
        var r = try Ridge(alpha: 1)
        try r.fit(x: fx.x, y: y)
        #expect(r.coefficients.allSatisfy { abs($0) < 1e-12 } && abs(r.intercept - 4.25) < 1e-12)
    }

    @Test("Ridge with alpha 0 is ordinary least squares (normal equations hold)")
    func ridgeZeroIsOLS() throws {
        var m = try Ridge(alpha: 0)
        try m.fit(x: fx.x, y: fx.y)
        let r = zip(try m.predict(fx.x), fx.y).map { $1 - $0 }
        // Residuals are orthogonal to every column and to the constant.
        for j in 0..<fx.x[0].count {
            #expect(abs(zip(fx.x, r).reduce(0) { $0 + $1.0[j] * $1.1 }) < 1e-8)
        }
        #expect(abs(r.reduce(0, +)) < 1e-8)
    }
}

import BarbellQuant
import Foundation
import Testing

@Suite("Linear algebra against NumPy")
struct LinearAlgebraTests {
    let fixture = QuantFixture.linearAlgebra

    @Test("solve matches numpy.linalg.solve")
    func solve() throws {
        let a = try fixture.matrix("solve", "a"), b = try fixture.matrix("solve", "b")
        let x = try a.solve(b)
        #expect(relativeError(x.values, try fixture.matrix("solve", "x").values) < 1e-13)
        #expect(relativeError(try a.solve(b.column(1)), try fixture.matrix("solve", "x").column(1)) < 1e-13)
    }

    @Test("least squares matches numpy.linalg.lstsq, full rank and rank deficient", arguments: ["lstsq_full", "lstsq_deficient"])
    func leastSquares(name: String) throws {
        let a = try fixture.matrix(name, "a")
        let fit = try a.leastSquares(fixture.vector(name, "b"))
        #expect(relativeError(fit.solution, fixture.vector(name, "x")) < 1e-12)
        #expect(fit.rank == fixture.integer(name, "rank"))
        #expect(relativeError(fit.singularValues, fixture.vector(name, "s")) < 1e-13)
    }

    @Test("Cholesky and the symmetric eigendecomposition of a covariance match NumPy")
    func covariance() throws {
        let a = try fixture.matrix("covariance", "a")
        let l = try a.cholesky()
        #expect(relativeError(l.values, try fixture.matrix("covariance", "cholesky").values) < 1e-13)
        #expect(relativeError(try l.multiplied(by: l.transposed).values, a.values) < 1e-14)

        let (values, vectors) = try a.symmetricEigen()
        #expect(relativeError(values, fixture.vector("covariance", "eigenvalues")) < 1e-12)
        // Eigenvectors are defined up to sign: compare |⟨v, v_ref⟩| with 1 column by column.
        let reference = try fixture.matrix("covariance", "eigenvectors")
        for j in 0..<a.columns {
            let dot = zip(vectors.column(j), reference.column(j)).map(*).reduce(0, +)
            #expect(abs(abs(dot) - 1) < 1e-10, "eigenvector \(j)")
        }
    }

    @Test("SVD and pseudo-inverse of a rank-3 matrix match NumPy")
    func svd() throws {
        let a = try fixture.matrix("svd", "a")
        let (u, s, vt) = try a.singularValueDecomposition()
        #expect(relativeError(s, fixture.vector("svd", "s")) < 1e-13)
        var scaled = u
        for i in 0..<u.rows { for j in 0..<u.columns { scaled[i, j] *= s[j] } }
        #expect(relativeError(try scaled.multiplied(by: vt).values, a.values) < 1e-13)
        #expect(relativeError(try a.pseudoInverse().values, try fixture.matrix("svd", "pinv").values) < 1e-10)
    }

    @Test("nearest positive definite matrix: Higham's eigenvalue floor, as computed with NumPy")
    func nearestPositiveDefinite() throws {
        let a = try fixture.matrix("nearest_pd", "a")
        #expect(fixture.vector("nearest_pd", "eigenvalues_before").min()! < 0)
        #expect(throws: QuantError.self) { try a.cholesky() }
        let nearest = try a.nearestPositiveDefinite()
        #expect(relativeError(nearest.values, try fixture.matrix("nearest_pd", "nearest").values) < 1e-12)
        _ = try nearest.cholesky()
        let floored = try a.nearestPositiveDefinite(minimumEigenvalue: 0.01)
        #expect(relativeError(floored.values, try fixture.matrix("nearest_pd", "nearest_floor_0.01").values) < 1e-12)
        #expect(try floored.symmetricEigen().values.min()! >= 0.01 - 1e-12)
        // A matrix that is already positive definite comes back unchanged.
        let covariance = try fixture.matrix("covariance", "a")
        let unchanged = relativeError(try covariance.nearestPositiveDefinite().values, covariance.values)
        #expect(unchanged < 1e-12, "relative change \(unchanged)")
    }
}

@Suite("Linear algebra bad input")
struct LinearAlgebraBadInputTests {
    @Test("a singular system names its zero pivot")
    func singular() throws {
        let a = try Matrix([[1, 2], [2, 4]])
        let error = try #require(throws: QuantError.self) { try a.solve([1, 1]) }
        #expect(error.code == .singularMatrix)
        #expect(error.message.contains("pivot 2"))
    }

    @Test("Cholesky of an indefinite matrix names the failing leading minor")
    func indefinite() throws {
        let a = try Matrix([[4, 0, 0], [0, 1, 2], [0, 2, 1]])
        let error = try #require(throws: QuantError.self) { try a.cholesky() }
        #expect(error.code == .notPositiveDefinite)
        #expect(error.message.contains("order 3"))
    }

    @Test("shapes that do not fit are refused with both shapes named")
    func shapes() throws {
        let error = try #require(throws: QuantError.self) { try Matrix([[1, 2], [3]]) }
        #expect(error.code == .shapeMismatch && error.message.contains("row 1"))
        let a = try Matrix([[1, 2, 3], [4, 5, 6]])
        let product = try #require(throws: QuantError.self) { try a.multiplied(by: a) }
        #expect(product.message.contains("2×3 by 2×3"))
        #expect(throws: QuantError.self) { try a.cholesky() }
        #expect(throws: QuantError.self) { try a.leastSquares([1, 2, 3]) }
        #expect(throws: QuantError.self) { try Matrix(rows: 2, columns: 2, values: [1, 2, 3]) }
    }

    @Test("NaN input is refused with its position")
    func nonFinite() throws {
        let a = try Matrix([[1, 0], [0, .nan]])
        let error = try #require(throws: QuantError.self) { try a.symmetricEigen() }
        #expect(error.code == .nonFinite && error.message.contains("[1, 1]"))
        let b = try Matrix([[2, 0], [0, 3]])
        let rhs = try #require(throws: QuantError.self) { try b.leastSquares([1, .infinity]) }
        #expect(rhs.code == .nonFinite && rhs.message.contains("[1]"))
    }
}

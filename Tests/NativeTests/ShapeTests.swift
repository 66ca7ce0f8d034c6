import BarbellTorch
import Testing

@Suite("Shape and matrix operations")
struct ShapeTests {
    // 2 x 3: [[0, 1, 2], [3, 4, 5]]
    var m: Tensor { get throws { try Tensor.arange(6).reshape([2, 3]) } }

    @Test("reshape (with -1), squeeze, unsqueeze")
    func reshapes() throws {
        let m = try m
        #expect(m.shape == [2, 3])
        #expect(try m.reshape([3, -1]).shape == [3, 2])
        #expect(try m.reshape([6]).toArray() == [0, 1, 2, 3, 4, 5])
        let u = try m.unsqueeze(dim: 0)
        #expect(u.shape == [1, 2, 3])
        #expect(try m.unsqueeze(dim: -1).shape == [2, 3, 1])
        #expect(try u.squeeze().shape == [2, 3])
        #expect(try u.squeeze(dim: 0).shape == [2, 3])
        #expect(try u.squeeze(dim: 1).shape == [1, 2, 3])  // size 2: unchanged, like torch
    }

    @Test("transpose, permute, t: values move, layout reported, contiguous copies")
    func transposes() throws {
        let m = try m
        let t = try m.t()
        #expect(t.shape == [3, 2])
        #expect(t.toArray() == [0, 3, 1, 4, 2, 5])
        #expect(!t.isContiguous)
        let c = try t.contiguous()
        #expect(c.isContiguous && c.toArray() == t.toArray())
        #expect(try m.transpose(0, 1).toArray() == t.toArray())
        let cube = try Tensor.arange(24).reshape([2, 3, 4])
        let p = try cube.permute([2, 0, 1])
        #expect(p.shape == [4, 2, 3])
        // p[k][i][j] == cube[i][j][k]: element (1, 0, 2) = cube[0][2][1] = 9.
        let flat = p.toArray()
        #expect(flat[8] == 9)  // row-major offset of (1, 0, 2) in [4, 2, 3]
    }

    @Test("cat and stack along a dim")
    func joins() throws {
        let m = try m
        let rows = try Tensor.cat([m, m], dim: 0)
        #expect(rows.shape == [4, 3])
        #expect(rows.toArray() == [0, 1, 2, 3, 4, 5, 0, 1, 2, 3, 4, 5])
        let cols = try Tensor.cat([m, try m * 10], dim: -1)
        #expect(cols.shape == [2, 6])
        #expect(cols.toArray() == [0, 1, 2, 0, 10, 20, 3, 4, 5, 30, 40, 50])
        let stacked = try Tensor.stack([m, m, m], dim: 1)
        #expect(stacked.shape == [2, 3, 3])
        #expect(try stacked.narrow(dim: 1, start: 2, length: 1).squeeze(dim: 1).toArray() == m.toArray())
    }

    @Test("narrow and indexSelect slice and gather")
    func slicing() throws {
        let m = try m
        #expect(try m.narrow(dim: 1, start: 1, length: 2).toArray() == [1, 2, 4, 5])
        #expect(try m.narrow(dim: 0, start: 1, length: 1).toArray() == [3, 4, 5])
        #expect(try m.indexSelect(dim: 1, [2, 0, 2]).toArray() == [2, 0, 2, 5, 3, 5])
        let index = try Tensor(int64: [1, 1, 0], shape: [3])
        #expect(try m.indexSelect(dim: 0, index: index).toArray() == [3, 4, 5, 3, 4, 5, 0, 1, 2])
    }

    @Test("expand / broadcast repeats size-1 dims")
    func expand() throws {
        let column = try Tensor([1, 2], shape: [2, 1])
        let e = try column.expand([2, 3])
        #expect(e.shape == [2, 3] && e.toArray() == [1, 1, 1, 2, 2, 2])
        #expect(try column.expand([-1, 2]).shape == [2, 2])
        let b = try Tensor([7, 8, 9], shape: [3]).broadcast(to: [2, 3])
        #expect(b.toArray() == [7, 8, 9, 7, 8, 9])
    }

    @Test("bmm multiplies each batch; agrees with matmul")
    func bmm() throws {
        let a = try Tensor.arange(12).reshape([2, 2, 3])
        let b = try Tensor.arange(12).reshape([2, 3, 2])
        let product = try a.bmm(b)
        #expect(product.shape == [2, 2, 2])
        // Batch 0: [[0,1,2],[3,4,5]] x [[0,1],[2,3],[4,5]] = [[10,13],[28,40]].
        #expect(Array(product.toArray().prefix(4)) == [10, 13, 28, 40])
        #expect(try product.toArray() == a.matmul(b).toArray())
    }
}

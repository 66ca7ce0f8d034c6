#if canImport(Glibc)
import Glibc
#endif
@testable import BarbellFeatures
import Testing

@Suite("Feature frame storage")
struct FeatureFrameStorageTests {
    /// A fresh anonymous mapping of `length` bytes, as the storage makes them.
    private func map(_ length: Int) throws -> UnsafeMutableRawPointer {
        let raw = try #require(mmap(nil, length, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0))
        try #require(raw != MAP_FAILED)
        return raw
    }

    @Test("a released mapping is handed to the next request of its length, and only of its length")
    func reuse() throws {
        let recycler = FeatureFrameStorage.Recycler(capacity: 64 << 20)
        let length = 6 << 20
        let address = try map(length)
        address.storeBytes(of: 42.0, as: Double.self)
        recycler.give(address, length: length, aligned: address)
        #expect(recycler.bytes == length)
        #expect(recycler.take(length: 8 << 20) == nil)
        let taken = try #require(recycler.take(length: length))
        #expect(taken.0 == address && taken.1 == length && taken.2 == address)
        #expect(recycler.bytes == 0)
        #expect(recycler.take(length: length) == nil)
        // The pages stay usable after the MADV_FREE advice: whatever they hold, writes read back.
        let values = taken.2.bindMemory(to: Double.self, capacity: length / 8)
        for i in stride(from: 0, to: length / 8, by: 4096) { values[i] = Double(i) }
        #expect(stride(from: 0, to: length / 8, by: 4096).allSatisfy { values[$0] == Double($0) })
        munmap(address, length)
    }

    @Test("mappings beyond the capacity are unmapped, not kept")
    func capacity() throws {
        let recycler = FeatureFrameStorage.Recycler(capacity: 4 << 20)
        let first = try map(4 << 20), second = try map(4 << 20)
        recycler.give(first, length: 4 << 20, aligned: first)
        recycler.give(second, length: 4 << 20, aligned: second)
        #expect(recycler.bytes == 4 << 20)
        let taken = try #require(recycler.take(length: 4 << 20))
        #expect(taken.0 == first)
        #expect(recycler.take(length: 4 << 20) == nil)
        munmap(first, 4 << 20)
    }

    /// Each round releases a mapped frame that the next one of the same size may take back
    /// (advised `MADV_FREE` in between): whatever memory a frame lands on, it reads back what it
    /// was given. Reuse itself is pinned down by `reuse()` on a private recycler, since other
    /// tests running in parallel may take the shared one's mappings.
    @Test("frames on recycled storage read back every value")
    func frames() {
        let rows = 150_001   // 2.4 MB a column: the mapped path
        let a = (0..<rows).map { Double($0) }
        for round in 0..<3 {
            let b = a.map { $0 * Double(round + 1) }
            let frame = FeatureFrame(count: rows, names: ["a", "b"], columns: [a, b])
            #expect(Array(frame["a"]!) == a)
            #expect(Array(frame["b"]!) == b)
        }
    }
}

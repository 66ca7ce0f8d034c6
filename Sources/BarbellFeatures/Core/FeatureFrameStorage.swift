#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The values of one ``FeatureFrame``: every column back to back (column-major) in one block,
/// written once while the frame is computed and read-only afterwards.
///
/// One block instead of one array per column matters at panel scale: Alpha158 over 500 symbols ×
/// 5,000 bars is 3.2 GB of fresh memory, and touching it 4 KB page by page took about a third of
/// the run's CPU time in the kernel (one fault per page). Blocks of 2 MB and more are therefore
/// mapped directly and, on Linux, advised as transparent huge pages (one fault per 2 MB where
/// the system grants them); smaller frames come from the ordinary allocator. The layout is also what a model input wants
/// (a bars × features matrix per symbol, column by column).
final class FeatureFrameStorage: @unchecked Sendable {
    let rows: Int
    let width: Int
    /// `rows × width` values; column `j` starts at `base + j·rows`.
    let base: UnsafeMutablePointer<Double>
    private let mapping: (address: UnsafeMutableRawPointer, length: Int)?

    /// Mapped (and huge-page advised) from this size up; the huge-page size on x86-64 and arm64 Linux.
    static let hugePage = 2 << 20

    /// Uninitialised storage; the caller writes every value before the frame is read.
    init(rows: Int, width: Int) {
        self.rows = rows
        self.width = width
        let bytes = max(rows * width, 1) * MemoryLayout<Double>.stride
        if bytes >= Self.hugePage, let (address, length, aligned) = Self.mapAligned(bytes) {
            mapping = (address, length)
            base = aligned.bindMemory(to: Double.self, capacity: rows * width)
        } else {
            mapping = nil
            base = .allocate(capacity: max(rows * width, 1))
        }
    }

    deinit {
        if let mapping {
            munmap(mapping.address, mapping.length)
        } else {
            base.deallocate()
        }
    }

    func column(_ j: Int) -> UnsafeMutablePointer<Double> { base + j * rows }

    /// An anonymous mapping with a 2 MB-aligned start (huge pages need aligned ranges), advised
    /// for transparent huge pages where the system offers them. Nil if the system refuses the
    /// mapping; the caller then falls back to the allocator.
    private static func mapAligned(_ bytes: Int) -> (UnsafeMutableRawPointer, Int, UnsafeMutableRawPointer)? {
        let length = bytes + hugePage
        guard let raw = mmap(nil, length, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0),
              raw != MAP_FAILED else { return nil }
        let start = UInt(bitPattern: raw)
        let aligned = UnsafeMutableRawPointer(bitPattern: (start + UInt(hugePage) - 1) & ~(UInt(hugePage) - 1))!
        #if os(Linux)
        // Advice only: without transparent huge pages the block simply uses 4 KB pages.
        _ = madvise(aligned, bytes, MADV_HUGEPAGE)
        #endif
        return (raw, length, aligned)
    }
}

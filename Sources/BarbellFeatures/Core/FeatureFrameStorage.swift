import Foundation
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
///
/// A released mapping is not unmapped but handed to ``Recycler``, which the next frame of a
/// fitting size takes: a process that computes panels repeatedly (a server, a research session,
/// a walk-forward loop) then pays for fresh pages once, as it would with `malloc`'s own reuse.
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
        if bytes >= Self.hugePage, let (address, length, aligned) = Recycler.shared.take(length: Self.mappedLength(bytes)) ?? Self.mapAligned(bytes) {
            mapping = (address, length)
            base = aligned.bindMemory(to: Double.self, capacity: rows * width)
        } else {
            mapping = nil
            base = .allocate(capacity: max(rows * width, 1))
        }
    }

    deinit {
        if let mapping {
            Recycler.shared.give(mapping.address, length: mapping.length, aligned: UnsafeMutableRawPointer(base))
        } else {
            base.deallocate()
        }
    }

    func column(_ j: Int) -> UnsafeMutablePointer<Double> { base + j * rows }

    /// The mapping length for `bytes` of values: whole huge pages, plus one for the alignment.
    private static func mappedLength(_ bytes: Int) -> Int {
        (bytes + hugePage - 1) / hugePage * hugePage + hugePage
    }

    /// An anonymous mapping with a 2 MB-aligned start (huge pages need aligned ranges), advised
    /// for transparent huge pages where the system offers them. Nil if the system refuses the
    /// mapping; the caller then falls back to the allocator.

    private static func mapAligned(_ bytes: Int) -> (UnsafeMutableRawPointer, Int, UnsafeMutableRawPointer)? {
        let length = mappedLength(bytes)
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

extension FeatureFrameStorage {
    /// Released frame mappings kept for reuse, up to half the machine's physical memory.
    ///
    /// Each kept mapping is advised `MADV_FREE` on Linux: its pages stay in place (and cost no
    /// fault or zeroing when the next frame writes them) unless the system runs short of memory,
    /// in which case it reclaims them and they come back as fresh zero pages. So the memory held
    /// here is never more than the kernel is willing to lend, and reuse is always safe because a
    /// frame writes every value before it is read.
    final class Recycler: @unchecked Sendable {
        static let shared = Recycler(capacity: Int(ProcessInfo.processInfo.physicalMemory / 2))

        private let lock = NSLock()
        private var kept: [(address: UnsafeMutableRawPointer, length: Int, aligned: UnsafeMutableRawPointer)] = []
        private var keptBytes = 0
        /// The most bytes kept; a mapping given beyond it is unmapped.
        let capacity: Int

        init(capacity: Int) { self.capacity = capacity }

        /// Bytes currently kept.
        var bytes: Int { lock.withLock { keptBytes } }

        /// A kept mapping of exactly `length` bytes (frames of one panel all have one size).
        func take(length: Int) -> (UnsafeMutableRawPointer, Int, UnsafeMutableRawPointer)? {
            lock.withLock {
                guard let i = kept.lastIndex(where: { $0.length == length }) else { return nil }
                let m = kept.remove(at: i)
                keptBytes -= m.length
                return (m.address, m.length, m.aligned)
            }
        }

        func give(_ address: UnsafeMutableRawPointer, length: Int, aligned: UnsafeMutableRawPointer) {
            let keep = lock.withLock {
                guard keptBytes + length <= capacity else { return false }
                keptBytes += length
                return true
            }
            guard keep else {
                munmap(address, length)
                return
            }
            // Advised outside the lock: the advice walks the mapping's page tables.
            #if os(Linux)
            _ = madvise(address, length, MADV_FREE)
            #endif
            lock.withLock { kept.append((address, length, aligned)) }
        }
    }
}

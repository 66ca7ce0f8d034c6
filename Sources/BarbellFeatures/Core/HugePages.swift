#if canImport(Glibc)
import Glibc
#endif

/// Asks the kernel to back a large, still untouched output buffer with transparent huge pages.
///
/// A million-row output is 8 MB: with 4 KiB pages a fresh one takes ~2,000 first-touch page
/// faults, a cost of the same order as a cheap indicator. numpy asks for huge pages for arrays of
/// 4 MB and more (its `madvise_hugepage` default, on where THP is in `madvise` mode), so outputs
/// get the same treatment here. A no-op on small outputs and where the system lacks it.
@inline(__always)
func adviseHugePages(_ base: UnsafeMutableRawPointer, byteCount: Int) {
    #if os(Linux)
    let huge = 2 << 20
    guard byteCount >= 2 * huge else { return }
    let start = (Int(bitPattern: base) + huge - 1) & ~(huge - 1)
    let end = (Int(bitPattern: base) + byteCount) & ~(huge - 1)
    guard end > start, let pointer = UnsafeMutableRawPointer(bitPattern: start) else { return }
    _ = madvise(pointer, end - start, 14 /* MADV_HUGEPAGE */)
    #endif
}

#if canImport(Glibc)
import Glibc
#endif

/// Asks the kernel to back a large, still untouched output buffer with transparent huge pages.
///
/// A million-row output is 8 MB: with 4 KiB pages the first write to it takes ~2,000 page
/// faults, which costs as much as a cheap indicator itself. numpy does the same for arrays of
/// 4 MB and more (its `madvise_hugepage` default), so TA-Lib's Python outputs get huge pages too;
/// without this, cheap functions would be measured on page faults rather than arithmetic.
/// A no-op where the system does not support it.
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

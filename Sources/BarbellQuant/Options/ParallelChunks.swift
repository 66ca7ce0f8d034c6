import Foundation

/// Runs `body` over `0..<count` in contiguous chunks on all cores. Each index is handled by
/// exactly one chunk and the chunking depends only on `count`, so results written per index are
/// identical to a serial loop's whatever the scheduling.
func forEachChunk(count: Int, chunkSize: Int = 8192, _ body: @Sendable (Range<Int>) -> Void) {
    let chunks = (count + chunkSize - 1) / chunkSize
    guard chunks > 1 else {
        if count > 0 { body(0..<count) }
        return
    }
    DispatchQueue.concurrentPerform(iterations: chunks) { c in
        body(c * chunkSize..<min(count, (c + 1) * chunkSize))
    }
}

/// Output storage that parallel chunks fill at disjoint indices (hence `@unchecked Sendable`).
final class DisjointSlots<Element>: @unchecked Sendable {
    let pointer: UnsafeMutablePointer<Element>
    let count: Int

    init(count: Int, initial: Element) {
        self.count = count
        pointer = .allocate(capacity: count)
        pointer.initialize(repeating: initial, count: count)
    }

    deinit {
        pointer.deinitialize(count: count)
        pointer.deallocate()
    }

    subscript(index: Int) -> Element {
        get { pointer[index] }
        set { pointer[index] = newValue }
    }

    var array: [Element] { Array(UnsafeBufferPointer(start: pointer, count: count)) }
}

internal import CTorch
import Foundation

extension Torch {
    /// Runs `body` with gradient recording off on the calling thread, then restores the previous mode.
    ///
    /// libtorch's grad mode is thread-local and `body` is synchronous, so the mode
    /// change is seen by exactly the code in `body` (and nothing on other threads);
    /// it is restored by `defer`, hence also when `body` throws. Nesting is fine.
    public static func withNoGrad<Result, Failure: Error>(
        _ body: () throws(Failure) -> Result
    ) throws(Failure) -> Result {
        var previous = true
        ctorch_grad_mode_set(false, &previous)
        defer { ctorch_grad_mode_set(previous, nil) }
        return try body()
    }

    /// Whether operations on the calling thread are recorded for autograd.
    public static var isGradEnabled: Bool { ctorch_grad_mode_enabled() }

    /// Number of CUDA devices libtorch can use (0 for a CPU-only libtorch).
    public static var cudaDeviceCount: Int { Int(ctorch_cuda_device_count()) }

    /// Number of intra-op threads libtorch uses for one operation started on the calling thread.
    ///
    /// Defaults to the machine's active processor count, applied once at first use.
    public static var threads: Int {
        _ = defaultThreads
        return Int(ctorch_get_num_threads())
    }

    /// Sets the number of intra-op threads.
    ///
    /// Debian's libtorch uses the OpenMP backend, where the count is recorded
    /// process-wide but applied to a thread when it first runs torch work (and at once
    /// to the calling thread); threads that already ran torch work keep their count.
    /// Set it once at startup, before spawning workers.
    ///
    /// On a machine with few cores, more than one thread can be many times slower than one:
    /// libgomp's idle workers spin-wait after each parallel region (its default
    /// `OMP_WAIT_POLICY`), competing for the cores with the computing thread and with
    /// OpenBLAS's own worker threads (libtorch 1.13 never resizes that pool, which keeps one
    /// thread per core whatever this count). Run such processes with `OMP_WAIT_POLICY=PASSIVE`
    /// in the environment (it is read when libgomp loads, so it cannot be set from here).
    ///
    /// - Throws: ``TorchError`` if `count` is below 1.
    public static func setThreads(_ count: Int) throws {
        _ = defaultThreads
        try TorchError.check(ctorch_set_num_threads(Int64(count)))
    }

    /// Applies the default thread count exactly once (Swift runs a static's initializer once, thread-safely).
    static let defaultThreads: Void = {
        _ = ctorch_set_num_threads(Int64(Swift.max(1, ProcessInfo.processInfo.activeProcessorCount)))
    }()
}

extension Tensor {
    /// A tensor with the same data, cut from the autograd graph (it never requires grad).
    public func detach() throws -> Tensor { try unaryCall { ctorch_tensor_detach($0, $1) } }

    /// Drops the accumulated gradient, so ``grad`` is `nil` until the next ``backward()``
    /// (torch's `zero_grad(set_to_none=True)`).
    public func zeroGrad() throws {
        try TorchError.check(withExtendedLifetime(self) { ctorch_tensor_zero_grad(handle) })
    }
}

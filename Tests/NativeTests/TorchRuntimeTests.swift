import BarbellTorch
import Dispatch
import Foundation
import Testing

@Suite("Grad mode, detach, zeroGrad, devices, threads")
struct TorchRuntimeTests {
    @Test("withNoGrad records nothing and restores the mode, also after a throw")
    func noGrad() throws {
        let x = try Tensor([1, 2], shape: [2])
        try x.setRequiresGrad()
        #expect(Torch.isGradEnabled)
        let y = try Torch.withNoGrad {
            #expect(!Torch.isGradEnabled)
            // Nesting keeps it off and restores "off", not "on".
            try Torch.withNoGrad { _ = try x * 2 }
            #expect(!Torch.isGradEnabled)
            return try x * 2
        }
        #expect(!y.requiresGrad)
        #expect(Torch.isGradEnabled)

        struct Boom: Error {}
        #expect(throws: Boom.self) { try Torch.withNoGrad { throw Boom() } }
        #expect(Torch.isGradEnabled)
        #expect(throws: TorchError.self) { try Torch.withNoGrad { _ = try x.sum(dim: 3) } }
        #expect(Torch.isGradEnabled)
        #expect(try (x * 2).requiresGrad)
    }

    @Test("grad mode is per thread: another thread keeps recording")
    func noGradPerThread() throws {
        let x = try Tensor([1, 2], shape: [2])
        try x.setRequiresGrad()
        final class Seen: @unchecked Sendable {  // written by the thread before signal(), read after wait()
            var enabled = false
            var recorded = false
        }
        let seen = Seen()
        let done = DispatchSemaphore(value: 0)
        Torch.withNoGrad {
            let thread = Thread {
                seen.enabled = Torch.isGradEnabled
                seen.recorded = (try? x * 2)?.requiresGrad ?? false
                done.signal()
            }
            thread.start()
            done.wait()
            #expect(!Torch.isGradEnabled)
        }
        #expect(seen.enabled && seen.recorded)
    }

    @Test("detach cuts the graph but keeps values")
    func detach() throws {
        let x = try Tensor([1, 2], shape: [2])
        try x.setRequiresGrad()
        let d = try (x * 3).detach()
        #expect(!d.requiresGrad)
        #expect(d.toArray() == [3, 6])
        let y = try (x * d).sum()  // d is a constant here.
        try y.backward()
        #expect(try #require(try x.grad).toArray() == [3, 6])
    }

    @Test("zeroGrad drops accumulated gradients")
    func zeroGrad() throws {
        let x = try Tensor([1, 2], shape: [2])
        try x.setRequiresGrad()
        try (x * 2).sum().backward()
        try (x * 2).sum().backward()
        #expect(try #require(try x.grad).toArray() == [4, 4])
        try x.zeroGrad()
        #expect(try x.grad == nil)
        try (x * 2).sum().backward()
        #expect(try #require(try x.grad).toArray() == [2, 2])
    }

    @Test("devices: CPU by default; auto is CPU without CUDA; to(device:) round-trips")
    func devices() throws {
        let x = try Tensor([1, 2], shape: [2])
        #expect(x.device == .cpu)
        #expect(Device.cuda(1).description == "cuda:1")
        if Torch.cudaDeviceCount == 0 {
            #expect(Device.auto == .cpu)
            #expect(throws: TorchError.self) { try x.to(device: .cuda(0)) }
        } else {
            #expect(Device.auto == .cuda(0))
            let g = try x.to(device: .cuda(0))
            #expect(g.device == .cuda(0))
            #expect(try (g * g).to(device: .cpu).toArray() == [1, 4])
            let r = try Tensor.randn(shape: [8], seed: 5, device: .cuda(0))
            #expect(r.toArray() == (try Tensor.randn(shape: [8], seed: 5).toArray()))
        }
        #expect(try x.to(device: .cpu).toArray() == [1, 2])
    }

    @Test("thread count: positive by default, settable, invalid counts rejected")
    func threads() throws {
        let initial = Torch.threads
        #expect(initial >= 1)
        try Torch.setThreads(1)
        #expect(Torch.threads == 1)
        try Torch.setThreads(initial)
        #expect(Torch.threads == initial)
        #expect(throws: TorchError.self) { try Torch.setThreads(0) }
    }
}

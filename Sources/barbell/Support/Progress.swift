import Foundation

/// A one-line progress bar on stderr, drawn only when stderr is a terminal so logs and
/// `--json` consumers never see control characters.
final class ProgressBar: @unchecked Sendable {
    private let label: String
    private let enabled: Bool
    private var lastDraw = Date.distantPast

    init(_ label: String) {
        self.label = label
        self.enabled = isatty(STDERR_FILENO) == 1
    }

    /// Updates the bar; redraws at most ten times a second.
    func update(done: Int64, total: Int64, detail: String = "") {
        guard enabled, total > 0 else { return }
        let now = Date()
        guard now.timeIntervalSince(lastDraw) > 0.1 || done >= total else { return }
        lastDraw = now
        let fraction = min(1, Double(done) / Double(total))
        let width = 30
        let filled = Int(fraction * Double(width))
        let bar = String(repeating: "#", count: filled) + String(repeating: ".", count: width - filled)
        FileHandle.standardError.write(Data("\r\u{1B}[2K\(label) [\(bar)] \(Int(fraction * 100))%\(detail.isEmpty ? "" : "  " + detail)".utf8))
    }

    func finish() {
        guard enabled else { return }
        FileHandle.standardError.write(Data("\r\u{1B}[2K".utf8))
    }
}

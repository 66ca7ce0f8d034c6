import Foundation

/// The version recorded with every experiment run and model artifact: the release number, plus
/// the git commit when the executable was built inside a checkout (read from `.git` next to the
/// build folder, without running git), so a result can be traced to the code that produced it.
enum CodeVersion {
    static let release = "0.1.0"

    static let current: String = {
        guard let commit = commitOfEnclosingCheckout() else { return release }
        return "\(release)+\(commit.prefix(12))"
    }()

    static func commitOfEnclosingCheckout() -> String? {
        var directory = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath().deletingLastPathComponent()
        for _ in 0..<8 {
            let git = directory.appendingPathComponent(".git")
            if let head = try? String(contentsOf: git.appendingPathComponent("HEAD"), encoding: .utf8) {
                let text = head.trimmingCharacters(in: .whitespacesAndNewlines)
                guard text.hasPrefix("ref: ") else { return text }
                let ref = String(text.dropFirst(5))
                if let hash = try? String(contentsOf: git.appendingPathComponent(ref), encoding: .utf8) {
                    return hash.trimmingCharacters(in: .whitespacesAndNewlines)
                }
                let packed = (try? String(contentsOf: git.appendingPathComponent("packed-refs"), encoding: .utf8)) ?? ""
                return packed.split(separator: "\n").first { $0.hasSuffix(" " + ref) }.map { String($0.prefix(40)) }
            }
            directory.deleteLastPathComponent()
        }
        return nil
    }
}

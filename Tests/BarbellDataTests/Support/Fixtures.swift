import Foundation

/// Locations of bundled samples and of the shared real-data folder beside the repository.
enum Fixtures {
    /// The repository root, found from this file's path.
    static let repoRoot: URL = URL(fileURLWithPath: #filePath).resolvingSymlinksInPath()
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// `Samples/NAME`: permissively licensed data committed with the repository.
    static func sample(_ name: String) -> String { repoRoot.appendingPathComponent("Samples/\(name)").path }

    /// `../shared/data/PATH`: real data that may not be copied into the repository.
    static func shared(_ path: String) -> String { repoRoot.appendingPathComponent("../shared/data/\(path)").standardized.path }

    static var hasSharedData: Bool { FileManager.default.fileExists(atPath: shared("README.md")) }

    /// Writes `text` to a fresh temporary file and returns its path.
    static func temporaryFile(_ text: String, name: String = "data.csv") -> String {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("barbell-tests-\(UUID().uuidString)")
        try! FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let url = dir.appendingPathComponent(name)
        try! Data(text.utf8).write(to: url)
        return url.path
    }

    static func temporaryFile(bytes: [UInt8], name: String) -> String {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("barbell-tests-\(UUID().uuidString)")
        try! FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let url = dir.appendingPathComponent(name)
        try! Data(bytes).write(to: url)
        return url.path
    }
}

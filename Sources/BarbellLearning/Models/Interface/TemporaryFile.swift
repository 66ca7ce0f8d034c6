import Foundation

/// A private scratch directory for libraries that read and write only files (XGBoost, libtorch's
/// serialisers), removed when the work is done.
enum TemporaryFile {
    static func withPath<T>(named name: String, _ body: (String) throws -> T) throws -> T {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("barbell-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        return try body(directory.appendingPathComponent(name).path)
    }

    static func withFile<T>(named name: String, contents: Data, _ body: (String) throws -> T) throws -> T {
        try withPath(named: name) { path in
            try contents.write(to: URL(fileURLWithPath: path))
            return try body(path)
        }
    }
}

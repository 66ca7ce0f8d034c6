import Crypto
import Foundation

/// One self-describing file holding a trained model: its ``ModelManifest`` and its weights
/// (XGBoost JSON, a torch state dict, coefficients and the fitted scaling), with a SHA-256
/// checksum that is verified on every load.
///
/// Layout: a first line of JSON, `{"format":"barbell-model","version":1,"sha256":"…"}`, then the
/// body: JSON with `manifest` and `weights` (file name → base64). The checksum covers the body's
/// exact bytes, so any change to a manifest field or a weight is refused on load. Files are
/// written to a temporary name and renamed, so a reader never sees half an artifact.
public struct ModelArtifact: Sendable, Equatable {
    public static let format = "barbell-model"
    public static let version = 1
    /// The file extension artifacts use.
    public static let fileExtension = "bbm"

    public var manifest: ModelManifest
    public var weights: ModelWeights

    public init(manifest: ModelManifest, weights: ModelWeights) {
        self.manifest = manifest
        self.weights = weights
    }

    struct Header: Codable { var format: String; var version: Int; var sha256: String }
    struct Body: Codable { var manifest: ModelManifest; var weights: [String: Data] }

    /// The artifact's bytes.
    public func encoded() throws(LearningError) -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        do {
            let body = try encoder.encode(Body(manifest: manifest, weights: weights.files))
            let header = try encoder.encode(Header(format: Self.format, version: Self.version, sha256: Self.sha256(body)))
            return header + Data([0x0A]) + body
        } catch {
            throw LearningError(.invalidArgument, "artifact: cannot encode (\(error))")
        }
    }

    /// Reads and verifies an artifact's bytes; `source` names it in errors.
    public static func decode(_ data: Data, source: String) throws(LearningError) -> ModelArtifact {
        guard let newline = data.firstIndex(of: 0x0A) else {
            throw LearningError(.invalidArtifact, "\(source): not a Barbell model artifact (no header line)")
        }
        let header: Header
        do { header = try JSONDecoder().decode(Header.self, from: data[data.startIndex..<newline]) } catch {
            throw LearningError(.invalidArtifact, "\(source): not a Barbell model artifact (unreadable header)")
        }
        guard header.format == format else {
            throw LearningError(.invalidArtifact, "\(source): format \(header.format); expected \(format)")
        }
        guard header.version == version else {
            throw LearningError(.invalidArtifact, "\(source): artifact version \(header.version); this Barbell reads version \(version)")
        }
        let body = data[(newline + 1)...]
        let actual = sha256(Data(body))
        guard actual == header.sha256 else {
            throw LearningError(.invalidArtifact, "\(source): checksum mismatch (header \(header.sha256), content \(actual)); the file is corrupt or was edited")
        }
        let decoded: Body
        do { decoded = try JSONDecoder().decode(Body.self, from: Data(body)) } catch {
            throw LearningError(.invalidArtifact, "\(source): the body does not decode (\(error))")
        }
        let weights = ModelWeights(files: decoded.weights)
        for (name, hash) in decoded.manifest.weightHashes where weights.files[name].map(sha256) != hash {
            throw LearningError(.invalidArtifact, "\(source): weights file \(name) is missing or does not match its recorded SHA-256")
        }
        return ModelArtifact(manifest: decoded.manifest, weights: weights)
    }

    /// Writes atomically (a temporary file in the same folder, then a rename).
    public func write(to path: String) throws(LearningError) {
        let data = try encoded()
        let url = URL(fileURLWithPath: path)
        do {
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try data.write(to: url, options: .atomic)
        } catch {
            throw LearningError(.invalidArgument, "\(path): cannot write the artifact (\(error.localizedDescription))")
        }
    }

    /// Reads and verifies an artifact file.
    public static func read(from path: String) throws(LearningError) -> ModelArtifact {
        let data: Data
        do { data = try Data(contentsOf: URL(fileURLWithPath: path)) } catch {
            throw LearningError(.invalidArtifact, "\(path): cannot read the artifact (\(error.localizedDescription))")
        }
        return try decode(data, source: path)
    }

    /// SHA-256 of the whole artifact file content, lower-case hex (what a registry records).
    public func fileHash() throws(LearningError) -> String { Self.sha256(try encoded()) }

    static func sha256(_ data: Data) -> String {
        SHA256.hash(data: data).map { String(format: "%02x", $0) }.joined()
    }
}

import BarbellData
import Foundation
import Testing

/// Locations of the real data sets used by the crypto loader tests.
enum CryptoTestData {
    /// The repository root, found from this file's path with symlinks resolved (the isolated
    /// test package links this folder in from the repository).
    static let repositoryRoot: URL = URL(fileURLWithPath: #filePath).resolvingSymlinksInPath()
        .deletingLastPathComponent()   // Crypto
        .deletingLastPathComponent()   // BarbellDataTests
        .deletingLastPathComponent()   // Tests
        .deletingLastPathComponent()

    /// `<repo root>/../shared/data`: real data that must not be copied into the repository
    /// (GPL freqtrade and LGPL nautilus files) or is too large for it.
    static let sharedData: URL = repositoryRoot.deletingLastPathComponent().appendingPathComponent("shared/data")

    static var hasSharedData: Bool { FileManager.default.fileExists(atPath: sharedData.appendingPathComponent("README.md").path) }

    /// MIT-licensed capture copied into `Samples/`, so it is always available.
    static let spotSample = repositoryRoot.appendingPathComponent("Samples/hftbacktest_binance-spot_btcusdt_20240808.txt.gz").path

    static func shared(_ relative: String) -> String { sharedData.appendingPathComponent(relative).path }
}

/// Writes temporary files for malformed-input tests and removes them with the fixture.
final class CryptoTempFiles {
    let directory: URL

    init() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("barbell-crypto-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(at: directory) }

    func write(_ name: String, _ text: String) throws -> String {
        try write(name, Array(text.utf8))
    }

    func write(_ name: String, _ bytes: [UInt8]) throws -> String {
        let url = directory.appendingPathComponent(name)
        try Data(bytes).write(to: url)
        return url.path
    }
}

/// A minimal gzip encoder (stored, i.e. uncompressed, deflate blocks) so tests can build
/// gzip inputs, and truncate them, without depending on zlib from the test target.
enum CryptoStoredGzip {
    static func encode(_ data: [UInt8]) -> [UInt8] {
        var out: [UInt8] = [0x1F, 0x8B, 0x08, 0x00, 0, 0, 0, 0, 0x00, 0xFF]
        var offset = 0
        repeat {
            let n = min(65_535, data.count - offset)
            let final = offset + n == data.count
            out.append(final ? 1 : 0)
            out += [UInt8(n & 0xFF), UInt8(n >> 8), UInt8(~n & 0xFF), UInt8((~n >> 8) & 0xFF)]
            out += data[offset..<offset + n]
            offset += n
        } while offset < data.count
        out += littleEndian(crc32(data))
        out += littleEndian(UInt32(truncatingIfNeeded: data.count))
        return out
    }

    static func littleEndian(_ v: UInt32) -> [UInt8] { (0..<4).map { UInt8((v >> (8 * $0)) & 0xFF) } }

    static func crc32(_ data: [UInt8]) -> UInt32 {
        var crc: UInt32 = 0xFFFF_FFFF
        for byte in data {
            crc ^= UInt32(byte)
            for _ in 0..<8 { crc = (crc >> 1) ^ (0xEDB8_8320 & (0 &- (crc & 1))) }
        }
        return ~crc
    }
}

/// Runs `body`, requires it to throw a ``DataError`` and returns it for inspection.
func cryptoExpectDataError<T>(_ body: () throws -> T, sourceLocation: SourceLocation = #_sourceLocation) -> DataError? {
    do {
        let value = try body()
        Issue.record("expected a DataError, got \(value)", sourceLocation: sourceLocation)
        return nil
    } catch let error as DataError {
        return error
    } catch {
        Issue.record("expected a DataError, got \(error)", sourceLocation: sourceLocation)
        return nil
    }
}

/// Checks an error names the file and a line (and the field, when given).
func cryptoExpectLocated(_ error: DataError?, file: String, line: Int? = nil, field: String? = nil, code: DataError.Code? = nil,
                   sourceLocation: SourceLocation = #_sourceLocation) {
    guard let error else { return }
    #expect(error.file == file, "error should name the file: \(error)", sourceLocation: sourceLocation)
    #expect(error.line != nil && error.line! >= 1, "error should name a 1-based line: \(error)", sourceLocation: sourceLocation)
    if let line { #expect(error.line == line, "wrong line: \(error)", sourceLocation: sourceLocation) }
    if let field { #expect(error.field == field, "wrong field: \(error)", sourceLocation: sourceLocation) }
    if let code { #expect(error.code == code, "wrong code: \(error)", sourceLocation: sourceLocation) }
}

/// The spot sample decoded once and shared, because a debug-build pass over its 41k lines
/// takes over a second and many tests inspect it.
enum CryptoSpotSampleCapture {
    static let result: Result<BinanceCapture, DataError> = Result { () throws(DataError) in
        try BinanceStreamLoader(path: CryptoTestData.spotSample).loadAll()
    }

    static func get() throws -> BinanceCapture { try result.get() }
}

import Foundation

/// Headless Chromium for the tearsheet tests: renders a page to a PNG screenshot and reports
/// the console messages the page produced.
///
/// With `--enable-logging=stderr`, Chromium 156 logs every console message of the page as a
/// line like `[pid:tid:…:INFO:CONSOLE:1] "Uncaught Error: x", source: file:///…/page.html (1)`
/// (older versions: `INFO:CONSOLE(1)`). The tearsheet runs no script, so *any* console line is a
/// failure: an error, a blocked resource or a CSP violation. Other stderr lines (D-Bus, GPU,
/// sandbox warnings) are the browser's own noise and are ignored.
enum TearsheetChromium {
    static let path = ProcessInfo.processInfo.environment["BARBELL_CHROMIUM"] ?? "/usr/bin/chromium"
    static var available: Bool { FileManager.default.isExecutableFile(atPath: path) }
    /// Set to 1 where the headless test must run (CI): a missing browser then fails the test.
    static var required: Bool { ProcessInfo.processInfo.environment["BARBELL_REQUIRE_CHROMIUM"] == "1" }

    struct Render {
        var status: Int32
        var stderr: String
        var png: Data?
        /// Console lines from the page.
        var consoleMessages: [String] { Self.consoleLines(stderr) }

        static func consoleLines(_ log: String) -> [String] {
            log.split(whereSeparator: \.isNewline).map(String.init).filter { $0.contains(":CONSOLE:") || $0.contains(":CONSOLE(") }
        }
    }

    /// Renders `html` (written into `directory`) at 1280 × `height` and returns the screenshot.
    static func render(_ html: String, name: String, in directory: URL, height: Int = 4000) throws -> Render {
        let page = directory.appendingPathComponent("\(name).html"), png = directory.appendingPathComponent("\(name).png")
        try Data(html.utf8).write(to: page)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: path)
        // A profile per run, so parallel tests do not meet Chromium's single-instance lock.
        process.arguments = [
            "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--hide-scrollbars",
            "--user-data-dir=\(directory.appendingPathComponent("\(name)-profile").path)",
            "--enable-logging=stderr", "--v=0", "--screenshot=\(png.path)", "--window-size=1280,\(height)",
            page.absoluteString,
        ]
        let errors = Pipe()
        process.standardError = errors
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        let log = errors.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Render(status: process.terminationStatus, stderr: String(decoding: log, as: UTF8.self), png: try? Data(contentsOf: png))
    }

    /// Width and height from a PNG's IHDR chunk, or nil when `data` is not a PNG.
    static func pngSize(_ data: Data) -> (width: Int, height: Int)? {
        let bytes = [UInt8](data.prefix(24))
        guard bytes.count == 24, bytes[0..<8] == [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A], bytes[12..<16] == [0x49, 0x48, 0x44, 0x52] else { return nil }
        func be32(_ i: Int) -> Int { bytes[i..<i + 4].reduce(0) { $0 << 8 | Int($1) } }
        return (be32(16), be32(20))
    }
}

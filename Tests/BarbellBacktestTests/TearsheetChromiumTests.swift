import BarbellBacktest
import Foundation
import Testing

/// The tearsheet in a real browser: headless Chromium renders it without a console message and
/// paints a screenshot that is far from blank. Skipped without Chromium unless
/// `BARBELL_REQUIRE_CHROMIUM=1`, which turns a missing browser into a failure.
@Suite("Tearsheet in headless Chromium", .enabled(if: TearsheetChromium.available || TearsheetChromium.required))
struct TearsheetChromiumTests {
    static func directory() throws -> URL {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("tearsheet-chromium-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        return dir
    }

    static func requireBrowser() -> Bool {
        guard TearsheetChromium.available else {
            Issue.record("BARBELL_REQUIRE_CHROMIUM=1 but no Chromium at \(TearsheetChromium.path): install the Debian package `chromium` (or set BARBELL_CHROMIUM)")
            return false
        }
        return true
    }

    /// Criterion for "not blank": PNG compresses flat colour to almost nothing, so a blank
    /// 1280×4000 page is ~23 KB while the tearsheet's charts, text and tables are several times
    /// that. The screenshot must be a 1280-wide PNG at least 4× the blank page's size.
    @Test("the tearsheet renders with no console message and a screenshot far from blank")
    func renders() throws {
        guard Self.requireBrowser() else { return }
        let dir = try Self.directory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let page = try TearsheetChromium.render(Tearsheet.html(TearsheetSample.make(bars: 1500)), name: "tearsheet", in: dir)
        #expect(page.status == 0, "chromium exited \(page.status): \(page.stderr.suffix(2000))")
        #expect(page.consoleMessages.isEmpty, "console: \(page.consoleMessages)")
        let blank = try TearsheetChromium.render("<!DOCTYPE html><html><body></body></html>", name: "blank", in: dir)
        let png = try #require(page.png, "no screenshot; stderr: \(page.stderr.suffix(2000))")
        let blankPNG = try #require(blank.png)
        let size = try #require(TearsheetChromium.pngSize(png))
        #expect(size.width == 1280 && size.height == 4000, "\(size)")
        #expect(png.count >= 4 * blankPNG.count, "screenshot \(png.count) bytes vs blank \(blankPNG.count)")
        // For the README: BARBELL_TEARSHEET_OUT=/some/dir keeps the sample page and its screenshot.
        if let out = ProcessInfo.processInfo.environment["BARBELL_TEARSHEET_OUT"] {
            let keep = URL(fileURLWithPath: out)
            try FileManager.default.createDirectory(at: keep, withIntermediateDirectories: true)
            for name in ["tearsheet.html", "tearsheet.png"] {
                try? FileManager.default.removeItem(at: keep.appendingPathComponent(name))
                try FileManager.default.copyItem(at: dir.appendingPathComponent(name), to: keep.appendingPathComponent(name))
            }
        }
    }

    @Test("the console detector sees an uncaught error and a console.error")
    func detectorWorks() throws {
        guard Self.requireBrowser() else { return }
        let dir = try Self.directory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let html = "<!DOCTYPE html><html><body><p>x</p><script>console.error(\"logged\"); throw new Error(\"deliberate\")</script></body></html>"
        let page = try TearsheetChromium.render(html, name: "broken", in: dir, height: 200)
        let messages = page.consoleMessages
        #expect(messages.contains { $0.contains("Uncaught Error: deliberate") }, "stderr: \(page.stderr.suffix(2000))")
        #expect(messages.contains { $0.contains("logged") })
    }
}

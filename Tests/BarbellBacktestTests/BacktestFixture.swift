import Foundation

/// The committed reference outputs under `Tests/Fixtures/backtest/`.
enum BacktestFixture {
    static func load<T: Decodable>(_ type: T.Type, _ name: String) -> T {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Fixtures/backtest/\(name)")
        return try! JSONDecoder().decode(T.self, from: Data(contentsOf: url))
    }
}

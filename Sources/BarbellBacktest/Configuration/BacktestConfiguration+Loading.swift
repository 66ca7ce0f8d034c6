import BarbellLearning
import Foundation
import Yams

extension BacktestConfiguration {
    /// The fields each section accepts: anything else is a typo the run would otherwise ignore.
    static let sectionKeys: [[String]: Set<String>] = [
        []: Set(CodingKeys.allCases.map(\.rawValue)),
        ["data"]: ["files", "symbols", "from", "to"],
        ["strategy"]: ["type", "fast", "slow", "shares", "fraction", "file", "artifact", "model"],
        ["portfolio"]: ["rule", "k", "drop", "quantile", "long", "short", "sizing", "fraction", "target", "lookback", "maxLeverage", "rebalance"],
        ["costs"]: ["commissionBps", "perShare", "minimum", "slippage", "participation", "borrowRate"],
        ["costs", "slippage"]: ["model", "bps", "multiplier", "coefficient", "lookback"],
        ["execution"]: ["initialCash", "maxLeverage", "allowShort", "sameBarFills", "engine", "periodsPerYear"],
        ["honesty"]: ["trials", "sharpeVariance", "bootstrap", "regimes"],
        ["report"]: ["tearsheet"],
        // Only checked when the benchmark is a mapping (a file); the words are the enum's own.
        ["benchmark"]: ["file", "symbol"],
    ]

    /// The integer fields, checked before decoding so that a fraction names its field.
    static let integerFields: [[String]] = [
        ["seed"], ["strategy", "fast"], ["strategy", "slow"], ["portfolio", "k"], ["portfolio", "drop"],
        ["portfolio", "lookback"], ["portfolio", "rebalance"], ["costs", "slippage", "lookback"],
        ["honesty", "trials"], ["honesty", "bootstrap"], ["honesty", "regimes"],
    ]

    /// Reads a configuration from YAML (or JSON), refusing unknown fields, after setting each
    /// `overrides` value at its dotted path (`strategy.fast`): how a sweep's variants are made.
    ///
    /// - Throws: ``BacktestError`` naming `source` and the field that is missing, unknown or of
    ///   the wrong type.
    public static func parse(_ text: String, source: String, overrides: [String: ConfigValue] = [:]) throws(BacktestError) -> BacktestConfiguration {
        var tree: ConfigValue
        do { tree = try YAMLDecoder().decode(ConfigValue.self, from: text) } catch {
            throw BacktestError(.invalidArgument, "\(source): not valid YAML (\(error))")
        }
        guard case .object = tree else {
            throw BacktestError(.invalidArgument, "\(source): expected a mapping with name, data and strategy")
        }
        for (path, value) in overrides.sorted(by: { $0.key < $1.key }) {
            let keys = path.split(separator: ".").map(String.init)
            guard let allowed = sectionKeys[Array(keys.dropLast())], allowed.contains(keys.last ?? "") else {
                throw BacktestError(.invalidArgument, "\(source): cannot set \(path): no such field")
            }
            do { tree = try tree.setting(keys, to: value, source: source) } catch {
                throw BacktestError(.invalidArgument, error.message)
            }
        }
        // In a fixed order (a dictionary's varies between processes), so that a file with several
        // typos always reports the same one first.
        for (section, allowed) in sectionKeys.sorted(by: { $0.key.lexicographicallyPrecedes($1.key) }) {
            var node: ConfigValue? = tree
            for key in section {
                if case .object(let o)? = node { node = o[key] } else { node = nil }
            }
            if case .object(let object)? = node, let unknown = object.keys.sorted().first(where: { !allowed.contains($0) }) {
                let path = (section + [unknown]).joined(separator: ".")
                throw BacktestError(.invalidArgument, "\(source): unknown field \(path); expected one of \(allowed.sorted().joined(separator: ", "))")
            }
        }
        // The JSON round trip behind ConfigValue.decode reports a number that does not fit an
        // integer field (2.5, a negative seed) as invalid JSON with no path: named here instead.
        for path in integerFields {
            var node: ConfigValue? = tree
            for key in path {
                if case .object(let o)? = node { node = o[key] } else { node = nil }
            }
            let field = path.joined(separator: ".")
            if case .double(let d)? = node, d.rounded() != d || !d.isFinite {
                throw BacktestError(.invalidArgument, "\(source): \(field): \(d) is not a whole number")
            }
            if path == ["seed"], let n = node?.number, n < 0 {
                throw BacktestError(.invalidArgument, "\(source): seed: \(n) is negative; expected an integer ≥ 0")
            }
        }
        do { return try tree.decode(BacktestConfiguration.self, context: source) } catch {
            throw BacktestError(.invalidArgument, error.message)
        }
    }

    /// Reads a configuration file (see ``parse(_:source:overrides:)``).
    public static func load(path: String, overrides: [String: ConfigValue] = [:]) throws(BacktestError) -> BacktestConfiguration {
        let text: String
        do { text = try String(contentsOfFile: path, encoding: .utf8) } catch {
            throw BacktestError(.invalidArgument, "\(path): cannot read the backtest configuration (\(error.localizedDescription))")
        }
        return try parse(text, source: path, overrides: overrides)
    }
}

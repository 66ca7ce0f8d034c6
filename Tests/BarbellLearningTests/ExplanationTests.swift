import BarbellData
import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing
@testable import BarbellLearning

/// The common explanation API against closed forms and the underlying estimators, and the SVG
/// charts parsed back with Foundation's XMLParser.
@Suite("Explanations and charts")
struct ExplanationTests {
    let registry = EnsembleFixture.registry

    static func column(_ j: Int, scale: Double) -> ModelConfiguration {
        ModelConfiguration(type: "column", parameters: ["column": .int(j), "scale": .double(scale)])
    }

    @Test("permutation: the API equals PermutationImportance on the same rows and seed; the signal matters, the noise does not")
    func permutation() throws {
        let data = try EnsembleFixture.signalAndNoise(times: 120, symbols: 5)
        let train = (0..<data.count).filter { data.time[$0] < 80 }, test = (0..<data.count).filter { data.time[$0] >= 80 }
        let model = try registry.learner(ModelConfiguration(type: "ridge")).fit(FitRequest(dataset: data, train: train, seed: 0))
        let labels = test.map { data.labels[$0] }
        let e = try ModelExplainer.permutation(model, inputs: data.inputs, rows: test, labels: labels, metric: .ic, repeats: 4, seed: 9)
        let reference = try PermutationImportance(x: data.inputs.gather(test), width: 2, y: labels, repeats: 4, seed: 9,
                                                  predict: { x in try model.predict(FeatureMatrix(featureNames: data.featureNames, symbols: data.symbols, calendar: data.calendar, symbolIndex: test.map { data.symbolIndex[$0] }, time: test.map { data.time[$0] }, values: x), rows: Array(test.indices)) },
                                                  score: { try InformationCoefficient.pearson(prediction: $0, realised: $1) })
        #expect(e.importance == reference.mean && e.importanceSpread == reference.standardDeviation)
        #expect(e.method == .permutation && e.metric == "ic" && e.seed == 9 && e.rows == test && e.attributions == nil)
        #expect(e.importance[0] > 0.5 && abs(e.importance[1]) < 0.05)
        let mse = try ModelExplainer.permutation(model, inputs: data.inputs, rows: test, labels: labels, metric: .mse, repeats: 2, seed: 9)
        #expect(mse.importance[0] > 0.5)
        #expect(throws: LearningError.self) { try ModelExplainer.permutation(model, inputs: data.inputs, rows: test, labels: [1], seed: 0) }
    }

    @Test("Kernel SHAP of a linear model: φ_j = w_j·(x_j − background mean), base = mean output")
    func kernelSHAP() throws {
        let data = try EnsembleFixture.signalAndNoise(times: 30, symbols: 4)
        let model = try registry.learner(Self.column(0, scale: 2)).fit(FitRequest(dataset: data, train: [0], seed: 0))
        let background = Array(0..<40), rows = [50, 77, 101]
        let e = try ModelExplainer.kernelSHAP(model, inputs: data.inputs, rows: rows, background: background, seed: 3)
        let mean = background.map { data.features[$0 * 2] }.reduce(0, +) / 40
        let attributions = try #require(e.attributions)
        for (k, r) in rows.enumerated() {
            #expect(abs(attributions[k][0] - 2 * (data.features[r * 2] - mean)) < 1e-9)
            #expect(abs(attributions[k][1]) < 1e-9)
        }
        #expect(abs((e.baseValue ?? .nan) - 2 * mean) < 1e-9)
        #expect(abs(e.importance[0] - attributions.map { abs($0[0]) }.reduce(0, +) / 3) < 1e-12)
        #expect(e.method == .kernelSHAP && e.seed == 3)
    }

    /// f(row) = 2·x0(row) + x0(previous row of the symbol): a sequence model with window 2.
    struct LagModel: TrainedModel {
        var configuration: ModelConfiguration { ModelConfiguration(type: "lag") }
        var window: Int { 2 }
        func predict(_ inputs: FeatureMatrix, rows: [Int]) throws -> [Double] {
            try inputs.windows(rows, length: 2).map { w in
                guard let w else { throw LearningError(.insufficientData, "no history") }
                return 2 * inputs.values[w[1] * inputs.width] + inputs.values[w[0] * inputs.width]
            }
        }
        func weights() throws -> ModelWeights { ModelWeights() }
    }

    @Test("Kernel SHAP and permutation of a sequence model substitute the explained row only; its history stays real")
    func sequenceModel() throws {
        let data = try EnsembleFixture.signalAndNoise(times: 30, symbols: 4)
        let background = Array(8..<40), rows = [60, 91]
        let e = try ModelExplainer.kernelSHAP(LagModel(), inputs: data.inputs, rows: rows, background: background, seed: 1)
        let mean = background.map { data.features[$0 * 2] }.reduce(0, +) / Double(background.count)
        let attributions = try #require(e.attributions)
        for (k, r) in rows.enumerated() {
            #expect(abs(attributions[k][0] - 2 * (data.features[r * 2] - mean)) < 1e-9)
            #expect(abs(attributions[k][1]) < 1e-9)
        }
        let test = Array(40..<120)
        let p = try ModelExplainer.permutation(LagModel(), inputs: data.inputs, rows: test, labels: test.map { data.labels[$0] }, seed: 2)
        #expect(p.importance[0] > 0.3 && p.importance[1] == 0)
    }

    @Test("TreeSHAP: Σφ + bias equals the prediction of a regression booster; the signal dominates")
    func treeSHAP() throws {
        let data = try EnsembleFixture.signalAndNoise(times: 100, symbols: 5)
        let trained = try registry.learner(ModelConfiguration(type: "xgboost", parameters: ["rounds": .int(20), "threads": .int(1)]))
            .fit(FitRequest(dataset: data, train: Array(0..<400), seed: 1))
        let model = try #require(trained as? TrainedBoosting)
        let rows = Array(400..<500)
        let e = try ModelExplainer.treeSHAP(model, inputs: data.inputs, rows: rows)
        let p = try model.predict(data.inputs, rows: rows)
        let attributions = try #require(e.attributions), base = try #require(e.baseValue)
        for (k, row) in attributions.enumerated() { #expect(abs(row.reduce(base, +) - p[k]) < 1e-4) }
        #expect(e.importance[0] > 3 * e.importance[1])
    }

    struct AttentionDouble: AttentionReporting {
        let lookback: Int
        let rowsOff: Int
        var reportsAttention: Bool { true }
        func attention(_ inputs: FeatureMatrix, rows: [Int]) throws -> AttentionMap {
            AttentionMap(lookback: lookback, rows: rows, weights: (0..<(rows.count + rowsOff)).map { r in
                let raw = (1...lookback).map { Double($0 + r % 3) }
                let total = raw.reduce(0, +)
                return raw.map { $0 / total }
            })
        }
    }

    @Test("attention: lag labels oldest first, the mean weight per lag, shape errors")
    func attention() throws {
        let data = try EnsembleFixture.signalAndNoise(times: 10, symbols: 2)
        let rows = [5, 6, 7, 8]
        let e = try ModelExplainer.attention(AttentionDouble(lookback: 3, rowsOff: 0), inputs: data.inputs, rows: rows)
        #expect(e.featureNames == ["t-2", "t-1", "t"])
        let weights = try AttentionDouble(lookback: 3, rowsOff: 0).attention(data.inputs, rows: rows).weights
        for k in 0..<3 { #expect(abs(e.importance[k] - weights.map { $0[k] }.reduce(0, +) / 4) < 1e-15) }
        #expect(e.attributions == weights)
        #expect(throws: LearningError.self) { try ModelExplainer.attention(AttentionDouble(lookback: 3, rowsOff: 1), inputs: data.inputs, rows: rows) }
        #expect(throws: LearningError.self) { try ModelExplainer.attention(AttentionDouble(lookback: 3, rowsOff: 0), inputs: data.inputs, rows: [999]) }
    }

    @Test("JSON: sorted keys, method names as written, round trip")
    func json() throws {
        let e = Explanation(method: .kernelSHAP, featureNames: ["a", "b"], importance: [0.5, 0.25], attributions: [[0.5, -0.25]],
                            baseValue: 1, rows: [3], seed: 4)
        let data = try e.json()
        let text = try #require(String(data: data, encoding: .utf8))
        #expect(text.contains("\"kernel-shap\""))
        let keys = ["attributions", "baseValue", "featureNames", "importance", "method", "rows", "seed"]
        let positions = keys.map { text.range(of: "\"\($0)\"")?.lowerBound }
        #expect(positions.allSatisfy { $0 != nil })
        #expect(positions.compactMap { $0 } == positions.compactMap { $0 }.sorted())
        #expect(try JSONDecoder().decode(Explanation.self, from: data) == e)
        #expect(try e.json() == data)
    }

    /// Elements of a parsed SVG document, in order, with their attributes and text.
    final class SVGElements: NSObject, XMLParserDelegate {
        var elements: [(name: String, attributes: [String: String], text: String)] = []
        private var open: [Int] = []
        func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?, attributes: [String: String] = [:]) {
            open.append(elements.count)
            elements.append((name, attributes, ""))
        }
        func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) { open.removeLast() }
        func parser(_ parser: XMLParser, foundCharacters string: String) { if let i = open.last { elements[i].text += string } }

        static func parse(_ svg: String) throws -> SVGElements {
            let parser = XMLParser(data: Data(svg.utf8))
            let elements = SVGElements()
            parser.delegate = elements
            #expect(parser.parse(), "not well-formed XML: \(String(describing: parser.parserError))")
            return elements
        }
        func named(_ name: String, class c: String) -> [(name: String, attributes: [String: String], text: String)] {
            elements.filter { $0.name == name && $0.attributes["class"] == c }
        }
    }

    @Test("bar chart: top N sorted, labelled and escaped, bar lengths proportional to values, deterministic")
    func barChart() throws {
        let e = Explanation(method: .permutation, featureNames: ["low", "a<&>b", "high", "mid", "tiny"],
                            importance: [0.1, 0.3, 0.8, 0.4, 0.01], rows: [0])
        let svg = ImportanceBarChart(top: 4, title: "Importance <test>").render(e)
        #expect(svg.contains("a&lt;&amp;&gt;b") && !svg.contains("a<&>b"))
        #expect(svg == ImportanceBarChart(top: 4, title: "Importance <test>").render(e))
        let doc = try SVGElements.parse(svg)
        let svgRoot = try #require(doc.elements.first)
        #expect(svgRoot.name == "svg" && svgRoot.attributes["version"] == "1.1" && svg.contains("xmlns=\"http://www.w3.org/2000/svg\""))
        #expect(doc.named("text", class: "label").map(\.text) == ["high", "mid", "a<&>b", "low"])
        #expect(doc.named("text", class: "value").map(\.text) == ["0.8", "0.4", "0.3", "0.1"])
        let widths = doc.named("rect", class: "bar").compactMap { $0.attributes["width"].flatMap(Double.init) }
        #expect(widths.count == 4)
        for (w, v) in zip(widths, [0.8, 0.4, 0.3, 0.1]) { #expect(abs(w / widths[0] - v / 0.8) < 0.01) }
        #expect(doc.named("line", class: "axis").count == 1 && doc.named("text", class: "tick-label").count == 5)
        #expect(doc.named("text", class: "title").first?.text == "Importance <test>")
    }

    @Test("bar chart: negative values extend left of the zero line")
    func barChartNegative() throws {
        let doc = try SVGElements.parse(ImportanceBarChart().render([("up", 0.5), ("down", -0.25)]))
        let bars = doc.named("rect", class: "bar").map { (x: Double($0.attributes["x"]!)!, w: Double($0.attributes["width"]!)!) }
        let zero = try #require(doc.named("line", class: "zero").first.flatMap { Double($0.attributes["x1"]!) })
        #expect(abs(bars[0].x - zero) < 0.01 && abs(bars[1].x + bars[1].w - zero) < 0.01)
        #expect(abs(bars[1].w / bars[0].w - 0.5) < 0.01)
    }

    @Test("heatmap: one cell per value, diverging colours around white, legend, escaped labels")
    func heatmap() throws {
        let e = Explanation(method: .kernelSHAP, featureNames: ["x<1>", "y&z"], importance: [0, 0],
                            attributions: [[1, 0], [-1, 0.5]], baseValue: 0, rows: [4, 9])
        let svg = AttributionHeatmap(title: "SHAP").render(e)
        #expect(svg == AttributionHeatmap(title: "SHAP").render(e))
        #expect(svg.contains("x&lt;1&gt;") && svg.contains("y&amp;z"))
        let doc = try SVGElements.parse(svg)
        let cells = doc.named("rect", class: "cell")
        #expect(cells.map { $0.attributes["fill"] ?? "" } == ["#ff4040", "#ffffff", "#4040ff", AttributionHeatmap.colour(0.5)])
        #expect(doc.named("text", class: "row-label").map(\.text) == ["row 4", "row 9"])
        #expect(doc.named("text", class: "column-label").map(\.text) == ["x<1>", "y&z"])
        #expect(doc.named("text", class: "legend-label").map(\.text) == ["1", "-1"])
        #expect(doc.elements.filter { $0.name == "stop" }.count == 3)
        let attention = AttributionHeatmap().render([[0.2, 0.8]], rowLabels: ["r"], columnLabels: ["t-1", "t"])
        let sequential = try SVGElements.parse(attention)
        #expect(sequential.named("rect", class: "cell").map { $0.attributes["fill"] ?? "" } == [AttributionHeatmap.colour(0.25), "#ff4040"])
        #expect(sequential.named("text", class: "legend-label").map(\.text) == ["0.8", "0"])
    }
}

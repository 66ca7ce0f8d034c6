import ArgumentParser
import BarbellFeatures

/// `barbell features list`: every feature with its parameters, defaults, outputs and summary.
struct FeaturesList: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list",
        abstract: "Print every feature with its parameters, defaults, outputs and a one-line description."
    )

    @Option(help: "Only this group, e.g. 'Momentum Indicators', 'Pattern Recognition', 'Alpha158'.")
    var group: String?

    @Flag(help: "Print the catalogue as JSON.")
    var json = false

    struct Entry: Encodable {
        struct Parameter: Encodable {
            var name: String
            var kind: String
            var `default`: Double
            var min: Double
            var max: Double
            var description: String
        }
        var name: String
        var group: String
        var description: String
        var inputs: [String]
        var parameters: [Parameter]
        var outputs: [String]
        var streamingCost: String
    }

    func run() async throws {
        var descriptors = FeatureCatalog.standard.descriptors
        if let group {
            guard let g = FeatureGroup.allCases.first(where: { $0.rawValue.lowercased() == group.lowercased() }) else {
                throw ValidationError("unknown group '\(group)'; groups: \(FeatureGroup.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            descriptors = descriptors.filter { $0.group == g }
        }
        if json {
            try printJSON(descriptors.map(entry))
            return
        }
        var table = TextTable(["name", "group", "parameters (defaults)", "outputs", "description"])
        for d in descriptors {
            let params = d.parameters.map { "\($0.name)=\(ParameterDescriptor.format($0.defaultValue))" }.joined(separator: ",")
            table.add([d.name, d.group.rawValue, params, d.outputs.joined(separator: ","), d.summary])
        }
        print(table.render())
        print("\(descriptors.count) features")
    }

    func entry(_ d: FeatureDescriptor) -> Entry {
        Entry(
            name: d.name, group: d.group.rawValue, description: d.summary, inputs: d.inputs.map(\.rawValue),
            parameters: d.parameters.map {
                .init(name: $0.name, kind: $0.kind.rawValue, default: $0.defaultValue, min: $0.range.lowerBound,
                      max: $0.range.upperBound, description: $0.summary)
            },
            outputs: d.outputs, streamingCost: d.streamingCost
        )
    }
}

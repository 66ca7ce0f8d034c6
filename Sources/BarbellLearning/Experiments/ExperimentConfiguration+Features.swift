import BarbellFeatures
import Foundation

extension ExperimentConfiguration.FeatureSection {
    /// The feature set this section names.
    /// - Throws: ``LearningError`` naming the unknown set, spec or unreadable file.
    public func featureSet(name: String, relativeTo base: String? = nil) throws(LearningError) -> FeatureSet {
        switch self {
        case .builtin(let set):
            if let builtin = FeatureSet.builtin(set) { return builtin }
            // A single string that is not a built-in set is read as a comma-separated spec list.
            do { return try FeatureSet(name: name, list: set) } catch {
                throw LearningError(.invalidArgument, "features: \(set) is neither a built-in set (\(FeatureSet.builtinNames.joined(separator: ", "))) nor a spec list (\(error.message))")
            }
        case .specs(let specs):
            guard !specs.isEmpty else { throw LearningError(.invalidArgument, "features: the list is empty") }
            do { return try FeatureSet(name: name, list: specs.joined(separator: ",")) } catch {
                throw LearningError(.invalidArgument, "features: \(error.message)")
            }
        case .file(let file):
            let path = ExperimentConfiguration.DataSection.resolve(file, base: base)
            do { return try FeatureSet.load(contentsOf: URL(fileURLWithPath: path)) } catch {
                throw LearningError(.invalidArgument, "features.file \(path): \(error.message)")
            }
        }
    }
}

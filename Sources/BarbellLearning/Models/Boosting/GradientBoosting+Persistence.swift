import CXGBoost
import Foundation

extension GradientBoosting {
    /// Writes the model as XGBoost JSON (the path must end in `.json`), loadable by any XGBoost
    /// ≥ 1.0 (Python's `Booster(model_file=)`), with `best_iteration` as an attribute.
    /// - Throws: ``LearningError`` on a wrong extension or an XGBoost failure.
    public func save(to path: String) throws(LearningError) {
        guard path.hasSuffix(".json") else {
            throw LearningError(.invalidArgument, "model path '\(path)': expected a .json file (XGBoost picks the format by extension)")
        }
        lock.lock()
        defer { lock.unlock() }
        try xgbCheck(XGBoosterSaveModel(booster, path), "XGBoosterSaveModel(\(path))")
    }

    /// Loads a model saved by ``save(to:)`` or by XGBoost itself (JSON).
    /// - Throws: ``LearningError`` when the file is missing or unreadable, or on an XGBoost failure.
    public static func load(from path: String) throws(LearningError) -> GradientBoosting {
        guard FileManager.default.fileExists(atPath: path) else {
            throw LearningError(.invalidArgument, "model path '\(path)': no such file")
        }
        var out: BoosterHandle?
        try xgbCheck(XGBoosterCreate(nil, 0, &out), "XGBoosterCreate")
        guard let booster = out else { throw LearningError(.invalidArgument, "XGBoost returned no booster") }
        do throws(LearningError) {
            try xgbCheck(XGBoosterLoadModel(booster, path), "XGBoosterLoadModel(\(path))")
            var features: bst_ulong = 0
            try xgbCheck(XGBoosterGetNumFeature(booster, &features), "XGBoosterGetNumFeature")
            var rounds: Int32 = 0
            try xgbCheck(XGBoosterBoostedRounds(booster, &rounds), "XGBoosterBoostedRounds")
            var value: UnsafePointer<CChar>?
            var found: Int32 = 0
            try xgbCheck(XGBoosterGetAttr(booster, "best_iteration", &value, &found), "XGBoosterGetAttr")
            let best = found != 0 ? value.flatMap { Int(String(cString: $0)) } : nil
            // num_class lives in the learner's JSON configuration ("0" for single-output objectives).
            var length: bst_ulong = 0
            var config: UnsafePointer<CChar>?
            try xgbCheck(XGBoosterSaveJsonConfig(booster, &length, &config), "XGBoosterSaveJsonConfig")
            let json = config.map { String(cString: $0) } ?? ""
            let object = try? JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any]
            let learner = object?["learner"] as? [String: Any]
            let parameters = learner?["learner_model_param"] as? [String: Any]
            let classes = (parameters?["num_class"] as? String).flatMap { Int($0) } ?? 0
            return GradientBoosting(booster: booster, columns: Int(features), outputs: max(classes, 1),
                                    bestIteration: best, trainedRounds: Int(rounds))
        } catch {
            XGBoosterFree(booster)
            throw error
        }
    }
}

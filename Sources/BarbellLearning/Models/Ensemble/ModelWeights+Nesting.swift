extension ModelWeights {
    /// The files whose names start with `prefix`, with the prefix removed: a member's weights
    /// inside an ensemble's.
    func nested(under prefix: String) -> ModelWeights {
        var out = ModelWeights()
        for (name, data) in files where name.hasPrefix(prefix) { out.files[String(name.dropFirst(prefix.count))] = data }
        return out
    }

    /// Adds `other`'s files under `prefix`.
    mutating func nest(_ other: ModelWeights, under prefix: String) {
        for (name, data) in other.files { files[prefix + name] = data }
    }
}

internal import CTorch

/// Library-level information about the linked libtorch.
public enum Torch {
    /// The libtorch version the shim was compiled against (`TORCH_VERSION`, for example `"1.13.0"`).
    public static var version: String { String(cString: ctorch_version()) }
}

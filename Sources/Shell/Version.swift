/// The mindscope release this build belongs to, shown by `--version` and in transcript headers.
public enum MindscopeVersion {
    /// The version string, e.g. "0.1.0".
    public static let current = "0.1.0"
}

/// Which way the mean moved when a sequential detector raised its alarm.
public enum ChangeDirection: String, Sendable, Equatable {
    case up, down
}

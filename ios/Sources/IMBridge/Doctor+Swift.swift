extension Bridge {
    /// G: this instance's state as a snapshot (JSON) for `diagnose` on the
    /// device or `imbridge doctor` at support; tokens and secrets are never in it.
    public func snapshot(dispatcher: Dispatcher? = nil, channels: [PushChannel] = [], app: AppFacts = AppFacts()) throws -> String {
        try exportSnapshot(bridge: self, dispatcher: dispatcher?.core, channels: channels, app: app)
    }

    /// G: diagnoses this instance's state right away.
    public func diagnose(dispatcher: Dispatcher? = nil, channels: [PushChannel] = [], app: AppFacts = AppFacts()) throws -> [Finding] {
        try IMBridge.diagnose(snapshotJson: snapshot(dispatcher: dispatcher, channels: channels, app: app))
    }
}

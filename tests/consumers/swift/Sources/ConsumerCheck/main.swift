// What an app does first with the library, through the package product only.
// Exits 1 at the first wrong answer, naming it.
import Foundation
import IMBridge

func check(_ ok: Bool, _ what: String) {
    guard ok else {
        print("consumer check failed: \(what)")
        exit(1)
    }
    print("ok: \(what)")
}

check(imbridgeVersion() == imbridgePackageVersion, "library version \(imbridgeVersion()) is the package's")

let body = try messageBody { Element.text(TextElem(text: "Your order shipped")) }
let json = try C2cMessage(
    syncOtherMachine: .sync, toAccount: "bob", msgSeq: 1, msgRandom: 7, msgBody: body
).encoded()
check(json.contains(#""MsgBody":[{"MsgType":"TIMTextElem""#), "M2 send body encodes")

do {
    try MentionListBuilder(groupType: .community).add(mention: .all)
    check(false, "M9 @all in a Community group is refused")
} catch let error as MessageError {
    check(error.code == 6017, "M9 refusal carries 6017")
}

let outbox = try Outbox()
let admitted = outbox.admit(nowMs: 0, messages: [OutgoingMessage(id: "m1", conversation: .c2c(userId: "bob"), priority: .high)])
check(admitted == [.accepted], "P2 outbox admits")
check(outbox.poll(nowMs: 0).released.map(\.id) == ["m1"], "P2 outbox releases")
// Swift 6 (this package builds in the Swift 6 language mode, complete
// strict concurrency): immutable state of the actor without `await`, and
// a main-actor type receiving messages.
let driver = OutboxDriver(outbox: outbox, onSendFailed: { _, _ in }) { _ in }
check(driver.outbox.stats().queued == 0, "OutboxDriver.outbox is read without await")

@MainActor final class ChatModel {
    private(set) var shown: [IncomingMessage] = []
    var handle: ListenerHandle?
    func start(_ dispatcher: Dispatcher) {
        handle = dispatcher.addMainActorListener { [weak self] event in
            if case let .newMessages(messages) = event { self?.shown += messages }
        }
    }
}
let dispatcher = Dispatcher()
dispatcher.setUser(userId: "bob")
let model = ChatModel()
model.start(dispatcher)
try dispatcher.receive(nowMs: 0, messagesJson: #"[{"From_Account":"alice","To_Account":"bob","MsgSeq":1,"MsgRandom":1,"MsgTime":1,"MsgBody":[{"MsgType":"TIMTextElem","MsgContent":{"Text":"hi"}}]}]"#)
check(model.shown.count == 1, "a @MainActor class receives messages")

// An error without fields prints (this was infinite recursion).
do {
    _ = try messageBody {}
} catch {
    check("\(error)".hasPrefix("MessageError.empty_message[6016]"), "an error without fields prints: \(error)")
}
print("consumer check: all passed")

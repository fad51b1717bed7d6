import Hummingbird
import NIOCore

/// Hummingbird's per-request context plus the connection's channel, which the `reset` fault
/// closes without answering.
struct EmulatorRequestContext: RequestContext {
    var coreContext: CoreRequestContextStorage
    let channel: any Channel

    init(source: ApplicationRequestContextSource) {
        coreContext = CoreRequestContextStorage(source: source)
        channel = source.channel
    }
}

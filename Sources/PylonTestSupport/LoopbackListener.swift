import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A TCP listener on 127.0.0.1, port 0, that hands every accepted connection to `serve` on a
/// thread of its own. Tests build scripted HTTP servers and proxies on it: a thread per
/// connection keeps a server that answers slowly, or never, off the cooperative pool that the
/// in-process emulator and the client under test need.
public final class LoopbackListener: Sendable {
    /// The port the system chose.
    public let port: Int
    private let socketFD: Int32

    /// Binds and starts accepting at once; `serve` owns the descriptor until it returns, then
    /// the listener closes it.
    public init(backlog: Int32 = 64, serve: @escaping @Sendable (Int32) -> Void) throws {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw POSIXError(.EIO) }
        var yes: Int32 = 1
        setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &yes, socklen_t(MemoryLayout<Int32>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = 0
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        guard bound == 0, listen(fd, backlog) == 0 else {
            close(fd)
            throw POSIXError(.EADDRINUSE)
        }
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
        }
        port = Int(UInt16(bigEndian: address.sin_port))
        socketFD = fd
        Thread.detachNewThread {
            while true {
                let client = accept(fd, nil, nil)
                if client < 0 { return }
                Thread.detachNewThread {
                    serve(client)
                    close(client)
                }
            }
        }
    }

    /// `http://127.0.0.1:<port>`.
    public var url: URL { URL(string: "http://127.0.0.1:\(port)")! }

    /// Stops accepting; connections already handed out run to their end.
    public func stop() {
        shutdown(socketFD, Int32(SHUT_RDWR))
        close(socketFD)
    }

    /// Writes all of `bytes`, never raising SIGPIPE; false once the peer has gone. `wrote` hears
    /// of every partial write, so a test can tell how much a client read before it went away.
    @discardableResult
    public static func send(_ descriptor: Int32, _ bytes: [UInt8], wrote: (Int) -> Void = { _ in }) -> Bool {
        var offset = 0
        while offset < bytes.count {
            let written = bytes[offset...].withUnsafeBytes {
                sendNoSignal(descriptor, $0.baseAddress, $0.count)
            }
            if written <= 0 { return false }
            offset += written
            wrote(written)
        }
        return true
    }

    private static func sendNoSignal(_ descriptor: Int32, _ base: UnsafeRawPointer?, _ count: Int) -> Int {
        #if canImport(Glibc)
            Glibc.send(descriptor, base, count, Int32(MSG_NOSIGNAL))
        #else
            Darwin.send(descriptor, base, count, 0)
        #endif
    }
}

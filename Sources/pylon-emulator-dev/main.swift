// A development runner for the emulator until `pylon-kb emulator` exists (scripts/schemathesis.sh
// uses it). Flags: --port N, --data DIR, --token T (default: env PYLON_API_TOKEN),
// --rate-limit-scale X, --faults SPEC, --sanitize, --honour-slug-updates, --seed FILE.
import Foundation
import PylonEmulator

var arguments = Array(CommandLine.arguments.dropFirst())
var configuration = EmulatorConfiguration(token: ProcessInfo.processInfo.environment["PYLON_API_TOKEN"] ?? "")

func fail(_ message: String) -> Never {
    FileHandle.standardError.write(Data("pylon-emulator-dev: \(message)\n".utf8))
    exit(64)
}

@MainActor func value(_ flag: String) -> String {
    guard !arguments.isEmpty else { fail("\(flag) needs a value.") }
    return arguments.removeFirst()
}

while !arguments.isEmpty {
    let flag = arguments.removeFirst()
    switch flag {
    case "--port":
        guard let port = Int(value(flag)) else { fail("--port needs a number.") }
        configuration.port = port
    case "--host": configuration.host = value(flag)
    case "--data": configuration.dataDirectory = URL(fileURLWithPath: value(flag), isDirectory: true)
    case "--token": configuration.token = value(flag)
    case "--rate-limit-scale":
        guard let scale = Double(value(flag)) else { fail("--rate-limit-scale needs a number.") }
        configuration.rateLimitScale = scale
    case "--faults":
        do {
            let spec = try FaultRule.parseSpec(value(flag))
            configuration.faults = spec.rules
            if let seed = spec.seed { configuration.faultSeed = seed }
        } catch { fail("\(error)") }
    case "--sanitize": configuration.sanitize = true
    case "--honour-slug-updates": configuration.honourSlugUpdates = true
    case "--seed":
        do {
            configuration.seed = try EmulatorSeed.load(contentsOf: URL(fileURLWithPath: value(flag)))
        } catch { fail("\(error)") }
    default: fail("unknown flag \(flag).")
    }
}
guard !configuration.token.isEmpty else { fail("set PYLON_API_TOKEN or pass --token.") }

try await PylonEmulator.run(configuration) { emulator in
    let lines =
        "Pylon emulator listening on \(emulator.baseURL.absoluteString)\n"
        + "knowledge bases: \(emulator.seed.knowledgeBases.map(\.id).joined(separator: ", "))\n"
        + "users: \(emulator.seed.users.compactMap(\.id).joined(separator: ", "))\n"
    FileHandle.standardOutput.write(Data(lines.utf8))
}

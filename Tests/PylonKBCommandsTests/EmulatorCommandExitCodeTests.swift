import Foundation
import PylonEmulator
import Testing

@testable import PylonKBCommands

/// `emulator` serves until stopped, so its success is tested through `EmulatorLaunch`; its
/// failures exit like every other command's.
@Suite struct EmulatorCommandExitCodeTests {
    @Test func emulatorExitCodes() async throws {
        let fixture = try await CommandFixture.make()
        defer { Task { await fixture.close() } }
        let badWire = await fixture.run(["emulator", "--port", "0", "--wire", "xml"])
        #expect(badWire.isUsageError, "\(badWire.output)")
        #expect(badWire.stderr.contains("--wire must be one of tidy, go, hostile"))

        let badFaults = await fixture.run(["emulator", "--port", "0", "--faults", "createArticle:teapot"])
        #expect(badFaults.isUsageError, "\(badFaults.output)")
        #expect(badFaults.stderr.contains("--faults: "))

        let missingSeed = await fixture.run(["emulator", "--port", "0", "--seed", "missing.json"])
        #expect(missingSeed.isFailureWithoutUsage, "\(missingSeed.output)")
        #expect(missingSeed.stderr.contains("error: Cannot read the seed file "), "\(missingSeed.output)")

        try CommandFixture.write("{ not json", to: fixture.directory.appendingPathComponent("bad.json"))
        let badSeed = await fixture.run(["emulator", "--port", "0", "--seed", "bad.json"])
        #expect(badSeed.isFailureWithoutUsage, "\(badSeed.output)")
        #expect(badSeed.stderr.contains("bad.json"), "\(badSeed.output)")

        let help = await fixture.run(["emulator", "--help"])
        #expect(help.status == 0 && help.stdout.contains("USAGE: pylon-kb emulator"), "\(help.output)")
    }

    @Test func aContentFolderWithTheLocalTargetIsServedWithItsSeed() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
            "launch-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        try CommandFixture.write(
            "target: local\nauthor: writer@example.com\n", to: folder.appendingPathComponent("pylon-kb.yml"))
        try CommandFixture.write("# Accueil\n", to: folder.appendingPathComponent("home.fr.md"))
        let context = CommandContext(
            environment: ["PYLON_API_TOKEN": "from-env"], currentDirectory: folder,
            console: ConsoleCapture().console())
        let launch = try EmulatorLaunch(Self.options(), context: context)
        #expect(launch.configuration.dataDirectory?.lastPathComponent == "local")
        #expect(launch.configuration.token == "from-env")
        #expect(launch.configuration.seed.knowledgeBases.map(\.supportedLanguages) == [["en", "fr"]])
        #expect(launch.configuration.seed.users.map(\.email) == ["writer@example.com"])
        let banner = launch.banner(
            baseURL: URL(string: "http://127.0.0.1:4780")!, seed: launch.configuration.seed)
        #expect(banner.contains("API token: PYLON_API_TOKEN\n"))
        #expect(!banner.contains("from-env"))
        #expect(
            banner.contains("knowledge base local “Local knowledge base”: http://127.0.0.1:4780/kb/local/"))
    }

    @Test func withoutAContentFolderTheDataIsInMemory() throws {
        let context = CommandContext(
            environment: [:], currentDirectory: FileManager.default.temporaryDirectory,
            console: ConsoleCapture().console())
        var options = Self.options()
        options.token = "flag-token"
        let launch = try EmulatorLaunch(options, context: context)
        #expect(launch.configuration.dataDirectory == nil)
        #expect(launch.configuration.token == "flag-token")
        #expect(launch.tokenSource == "--token")
    }

    static func options() -> EmulatorLaunch.Options {
        EmulatorLaunch.Options(
            host: "127.0.0.1", port: 0, data: nil, token: nil, rateLimitScale: nil, faults: nil,
            sanitize: false,
            honourSlugUpdates: false, seed: nil, wire: .tidy, apiSurface: .current, wireSeed: 0)
    }
}

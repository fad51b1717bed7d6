import Foundation
import PylonKBCommands

/// The `pylon-kb` executable: every command, and the error policy, live in PylonKBCommands.
@main
enum PylonKBMain {
    static func main() async {
        exit(await PylonKBCommand.run(Array(CommandLine.arguments.dropFirst())))
    }
}

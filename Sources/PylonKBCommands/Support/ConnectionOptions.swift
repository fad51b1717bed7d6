import ArgumentParser

/// Options every command that talks to Pylon shares.
struct ConnectionOptions: ParsableArguments {
    @Option(
        name: .customLong("kb"), help: "The knowledge base id (overrides knowledge_base in pylon-kb.yml).")
    var knowledgeBase: String?

    @Flag(help: "Log every request (method, path, status; never the token) to standard error.")
    var verbose = false
}

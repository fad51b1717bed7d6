import Foundation
import PylonAPI
import Testing

/// `indicatesMissingCapability(field:)`: how a caller tells "this server lacks the newer
/// surface" (fall back) from "this request was wrong" (report it).
@Suite struct MissingCapabilityTests {
    private func refusal(_ status: Int, _ errors: [String] = []) -> PylonAPIError {
        PylonAPIError(
            kind: .httpStatus, endpoint: .updateCollection, method: "PATCH",
            path: "/knowledge-bases/kb/collections/c1",
            status: status, errors: errors)
    }

    @Test(arguments: [404, 405, 501])
    func anUnknownRouteIsAMissingCapability(status: Int) {
        #expect(refusal(status).indicatesMissingCapability())
        #expect(refusal(status).indicatesMissingCapability(field: "tag_ids"))
    }

    @Test(arguments: [400, 422])
    func aRefusalNamingTheFieldIsAMissingCapability(status: Int) {
        let named = refusal(status, ["json: unknown field \"TAG_IDS\" in body"])
        #expect(named.indicatesMissingCapability(field: "tag_ids"))
    }

    @Test(arguments: [400, 422])
    func aRefusalNotNamingTheFieldIsARealError(status: Int) {
        let other = refusal(status, ["title must not be empty"])
        #expect(!other.indicatesMissingCapability(field: "tag_ids"))
        #expect(!other.indicatesMissingCapability())
        #expect(!refusal(status).indicatesMissingCapability(field: "tag_ids"))
    }

    @Test(arguments: [401, 403, 409, 429, 500, 502, 503])
    func otherStatusesAreNotAMissingCapability(status: Int) {
        #expect(!refusal(status, ["tag_ids"]).indicatesMissingCapability(field: "tag_ids"))
    }

    @Test(arguments: [PylonAPIError.Kind.transport, .timeout, .ambiguous, .decoding, .pagination])
    func failuresWithoutAnAnswerAreNotAMissingCapability(kind: PylonAPIError.Kind) {
        var error = refusal(404, ["tag_ids"])
        error.kind = kind
        if kind != .ambiguous { error.status = nil }
        #expect(!error.indicatesMissingCapability(field: "tag_ids"))
    }

    @Test func aServerWithoutTheCollectionPatchAnswersAMissingCapability() async throws {
        let (client, _) = try fakeClient { _, _ in
            FakeTransport.json(405, #"{"errors": ["method not allowed"], "request_id": "r1"}"#)
        }
        let error = try await #require(throws: PylonAPIError.self) {
            try await client.updateCollection(
                knowledgeBaseID: "kb", id: "c1", UpdateCollectionRequest(title: "New"))
        }
        #expect(error.indicatesMissingCapability(field: "title"))
    }
}

import Foundation
import PylonAPI
import Testing

@Suite struct RetryPolicyTests {
    @Test func retryAfterIsReadAsSecondsOrAnHTTPDate() {
        #expect(RetryPolicy.retryAfter("3") == .seconds(3))
        let now = Date(timeIntervalSince1970: 1_700_000_000)
        let later = RetryPolicy.retryAfter("Tue, 14 Nov 2023 22:13:40 GMT", now: now)
        #expect(later == .seconds(20))
        #expect(RetryPolicy.retryAfter("soon") == nil)
        #expect(RetryPolicy.retryAfter(nil) == nil)
    }

    @Test func backoffDoublesWithJitterAndIsCapped() {
        let policy = RetryPolicy(baseDelay: .seconds(2), maxDelay: .seconds(10))
        for _ in 0..<50 {
            let first = policy.backoff(retry: 1)
            #expect(first >= .seconds(1) && first <= .seconds(2))
            let third = policy.backoff(retry: 3)
            #expect(third >= .seconds(4) && third <= .seconds(8))
            let capped = policy.backoff(retry: 10)
            #expect(capped >= .seconds(5) && capped <= .seconds(10))
        }
    }

    @Test func a403SaysWhichPermissionIsMissing() async throws {
        let (client, _) = try fakeClient { _, _ in
            FakeTransport.json(403, #"{"errors": ["forbidden"], "request_id": "req-403"}"#)
        }
        let error = try await #require(throws: PylonAPIError.self) {
            try await client.deleteCollection(knowledgeBaseID: "kb1", id: "c1")
        }
        #expect(error.description.contains("may not delete collections"))
        #expect(error.description.contains("req-403"))
    }
}

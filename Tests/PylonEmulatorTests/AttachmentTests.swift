import Foundation
import PylonEmulator
import Testing

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

@Suite("Attachments")
struct AttachmentTests {
    @Test func uploadedFilesAreServedBackUnderNewURLs() async throws {
        let client = try await TestClient.start()
        defer { Task { await client.stop() } }
        let png: [UInt8] = [
            0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0xFF, 0x2D, 0x2D, 0x0D, 0x0A,
        ]
        func upload() async throws -> HTTPResult {
            let boundary = "Boundary-\(UUID().uuidString)"
            var body = Data()
            body.append(
                Data(
                    "--\(boundary)\r\nContent-Disposition: form-data; name=\"description\"\r\n\r\nA logo\r\n"
                        .utf8))
            body.append(
                Data(
                    "--\(boundary)\r\nContent-Disposition: form-data; name=\"file\"; filename=\"logo.png\"\r\nContent-Type: image/png\r\n\r\n"
                        .utf8))
            body.append(contentsOf: png)
            body.append(Data("\r\n--\(boundary)--\r\n".utf8))
            return try await client.send(
                "POST", "/attachments", body: body, contentType: "multipart/form-data; boundary=\(boundary)")
        }
        let first = try await upload()
        #expect(first.status == 200, "\(String(decoding: first.data, as: UTF8.self))")
        #expect(first.dataObject?["name"] as? String == "logo.png")
        let urlText = try #require(first.dataObject?["url"] as? String)
        let url = try #require(URL(string: urlText))
        let (data, response) = try await TestClient.session.data(from: url)
        #expect([UInt8](data) == png)
        #expect((response as? HTTPURLResponse)?.value(forHTTPHeaderField: "Content-Type") == "image/png")
        let second = try await upload()
        #expect(second.dataObject?["url"] as? String != first.dataObject?["url"] as? String)

        // Hand-written clients: LF line ends, a quoted boundary, no content type (guessed from the name).
        let loose = Data(
            "--x y\nContent-Disposition: form-data; name=\"file\"; filename=\"../../notes.txt\"\n\nplain text\n--x y--\n"
                .utf8)
        let looseResult = try await client.send(
            "POST", "/attachments", body: loose, contentType: "multipart/form-data; boundary=\"x y\"")
        #expect(looseResult.status == 200, "\(String(decoding: looseResult.data, as: UTF8.self))")
        #expect(looseResult.dataObject?["name"] as? String == "notes.txt")
        let looseURLText = try #require(looseResult.dataObject?["url"] as? String)
        let (looseData, looseResponse) = try await TestClient.session.data(
            from: try #require(URL(string: looseURLText)))
        #expect(String(decoding: looseData, as: UTF8.self) == "plain text")
        #expect(
            (looseResponse as? HTTPURLResponse)?.value(forHTTPHeaderField: "Content-Type")?.hasPrefix(
                "text/plain") == true)

        let missingFile = try await client.send(
            "POST", "/attachments",
            body: Data("--b\r\nContent-Disposition: form-data; name=\"x\"\r\n\r\ny\r\n--b--\r\n".utf8),
            contentType: "multipart/form-data; boundary=b")
        #expect(missingFile.status == 400)
        #expect(missingFile.errors.first?.contains("file") == true)
    }
}

/// Decodes character references in raw-HTML attribute values, so URL checks see what a browser
/// sees (`jav&#x09;ascript:`, `&#106;avascript:`, `javascript&colon;`). Unknown named
/// references stay as written: the value is re-escaped on output, so a browser reads exactly
/// the string that was checked whether or not this table knows a name.
enum HTMLEntities {
    static let named: [String: String] = [
        "amp": "&", "lt": "<", "gt": ">", "quot": "\"", "apos": "'", "nbsp": "\u{A0}",
        "Tab": "\t", "NewLine": "\n", "colon": ":", "lpar": "(", "rpar": ")", "sol": "/",
        "bsol": "\\", "period": ".", "comma": ",", "excl": "!", "num": "#", "percnt": "%",
        "equals": "=", "quest": "?", "semi": ";", "lsqb": "[", "rsqb": "]", "lbrack": "[",
        "rbrack": "]", "lcub": "{", "rcub": "}", "grave": "`", "lowbar": "_", "plus": "+",
        "ast": "*", "commat": "@", "dollar": "$", "Hat": "^", "verbar": "|", "vert": "|",
        "copy": "©", "reg": "®", "trade": "™", "hellip": "…", "mdash": "—", "ndash": "–",
    ]

    /// Legacy references browsers decode without a `;` (when not followed by `=` or a letter
    /// or digit, as in attribute values).
    private static let legacy: Set<String> = ["amp", "lt", "gt", "quot", "nbsp", "copy", "reg"]

    static func decode(_ bytes: ArraySlice<UInt8>) -> String {
        guard bytes.contains(UInt8(ascii: "&")) else { return String(decoding: bytes, as: UTF8.self) }
        var result: [UInt8] = []
        result.reserveCapacity(bytes.count)
        var index = bytes.startIndex
        let end = bytes.endIndex
        while index < end {
            let byte = bytes[index]
            guard byte == UInt8(ascii: "&"), index + 1 < end else {
                result.append(byte)
                index += 1
                continue
            }
            if bytes[index + 1] == UInt8(ascii: "#") {
                var scan = index + 2
                let isHex =
                    scan < end && (bytes[scan] == UInt8(ascii: "x") || bytes[scan] == UInt8(ascii: "X"))
                if isHex { scan += 1 }
                let digitsStart = scan
                var value: UInt32 = 0
                while scan < end, let digit = digitValue(bytes[scan], hex: isHex) {
                    value = value &* (isHex ? 16 : 10) &+ digit
                    if value > 0x10FFFF { value = 0x110000 }
                    scan += 1
                }
                guard scan > digitsStart else {
                    result.append(byte)
                    index += 1
                    continue
                }
                if scan < end, bytes[scan] == UInt8(ascii: ";") { scan += 1 }
                let scalar = (value == 0 ? nil : Unicode.Scalar(value)) ?? "\u{FFFD}"
                result.append(contentsOf: String(Character(scalar)).utf8)
                index = scan
                continue
            }
            var scan = index + 1
            while scan < end, isAlphanumeric(bytes[scan]) { scan += 1 }
            let name = String(decoding: bytes[(index + 1)..<scan], as: UTF8.self)
            if scan < end, bytes[scan] == UInt8(ascii: ";"), let replacement = named[name] {
                result.append(contentsOf: replacement.utf8)
                index = scan + 1
            } else if legacy.contains(name), let replacement = named[name],
                scan == end || bytes[scan] != UInt8(ascii: "=")
            {
                result.append(contentsOf: replacement.utf8)
                index = scan
            } else {
                result.append(byte)
                index += 1
            }
        }
        return String(decoding: result, as: UTF8.self)
    }

    private static func digitValue(_ byte: UInt8, hex: Bool) -> UInt32? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): UInt32(byte - UInt8(ascii: "0"))
        case UInt8(ascii: "a")...UInt8(ascii: "f") where hex: UInt32(byte - UInt8(ascii: "a") + 10)
        case UInt8(ascii: "A")...UInt8(ascii: "F") where hex: UInt32(byte - UInt8(ascii: "A") + 10)
        default: nil
        }
    }

    private static func isAlphanumeric(_ byte: UInt8) -> Bool {
        (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A)
    }
}

#!/usr/bin/env python3
"""Every module a target imports is declared in Package.swift (docs/architecture.md).

Reads the package description (`swift package dump-package`), then every Swift file of every
target, and fails listing each `import X` whose module is neither a declared dependency of
that target nor part of the toolchain. Exceptions are named below, each with its reason.
"""
import json
import pathlib
import re
import subprocess
import sys

# The toolchain's own modules: no package provides them.
TOOLCHAIN = {
    "Foundation", "FoundationEssentials", "FoundationNetworking", "Glibc", "Musl", "Darwin",
    "Dispatch", "Testing", "XCTest", "Synchronization", "_Concurrency", "os",
}
# (target, module): why it may be imported without being declared.
EXCEPTIONS = {
    ("PylonKB", "CYaml"): "Yams' own C module, not a product of Yams (YAMLReader.swift says why)",
}

package = json.loads(subprocess.check_output(["swift", "package", "dump-package"], text=True))
names = {t["name"] for t in package["targets"]}
failures = []
for target in package["targets"]:
    if target["type"] == "system":
        continue
    declared = set()
    for dependency in target.get("dependencies", []):
        for kind in ("byName", "target", "product"):
            if kind in dependency:
                declared.add(dependency[kind][0])
    default = {"test": "Tests", "executable": "Sources"}.get(target["type"], "Sources")
    folder = pathlib.Path(target.get("path") or f"{default}/{target['name']}")
    for source in sorted(folder.rglob("*.swift")):
        in_string = False  # inside a multi-line string literal (test fixtures hold `import x`)
        for number, line in enumerate(source.read_text().splitlines(), 1):
            if line.count('"""') % 2 == 1:
                in_string = not in_string
                continue
            if in_string:
                continue
            match = re.match(r"\s*(?:@testable\s+|@_exported\s+)?(?:(?:public|package|internal|private|fileprivate)\s+)?import\s+(?:(?:struct|class|enum|protocol|func|var|typealias)\s+)?([A-Za-z_][A-Za-z0-9_]*)", line)
            if not match:
                continue
            module = match.group(1)
            if module in TOOLCHAIN or module == target["name"] or module in declared:
                continue
            if (target["name"], module) in EXCEPTIONS:
                continue
            failures.append(f"{source}:{number}: {target['name']} imports {module}, which Package.swift does not declare for it")

for failure in failures:
    print(f"error: {failure}", file=sys.stderr)
if failures:
    print("Declare each module in the target's dependencies (or remove the import).", file=sys.stderr)
    sys.exit(1)
print(f"every import of {len(names)} targets is declared")

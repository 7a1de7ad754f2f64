#!/usr/bin/env python3
"""Gives the generated Kotlin exceptions of imbridge one base type.

UniFFI generates MessageException, PushException, OutboxException and
InitException as unrelated sealed classes whose `message` is a field dump.
This rewrites each of them, in the generated file given, to extend
`io.imbridge.ImbridgeException` (android/src/main/kotlin/io/imbridge/
ImbridgeException.kt): the variants' `code` and `detail` fields override the
base's, and their field-dump `message` is removed so the base's readable
`message` (= detail) applies.

Fails (exit 1) when the generated code no longer has the expected shape,
so a UniFFI upgrade cannot silently undo it.
"""
import re
import sys

ERRORS = ["MessageException", "PushException", "OutboxException", "InitException"]


def rewrite(text: str) -> str:
    for name in ERRORS:
        head = f"sealed class {name}: kotlin.Exception() {{"
        start = text.find(head)
        if start < 0:
            sys.exit(f"kotlin_error_base: `{head}` not found")
        end = text.find("companion object ErrorHandler", start)
        if end < 0:
            sys.exit(f"kotlin_error_base: end of {name} not found")
        block = text[start:end]
        block = block.replace(head, f"sealed class {name}: io.imbridge.ImbridgeException() {{", 1)
        block, codes = re.subn(r"\bval `code`: kotlin\.Int\b", "override val `code`: kotlin.Int", block)
        block, details = re.subn(r"\bval `detail`: kotlin\.String\b", "override val `detail`: kotlin.String", block)
        block, dumps = re.subn(r"\n\s*override val message\n\s*get\(\) = \"[^\n]*\"", "", block)
        variants = len(re.findall(rf"\) : {name}\(\)", block))
        if variants == 0 or details != variants or dumps != variants or codes == 0:
            sys.exit(
                f"kotlin_error_base: {name} has an unexpected shape "
                f"({variants} variants, {details} detail, {codes} code, {dumps} message overrides)"
            )
        text = text[:start] + block + text[end:]
    return text


if __name__ == "__main__":
    path = sys.argv[1]
    with open(path, encoding="utf-8") as f:
        text = f.read()
    with open(path, "w", encoding="utf-8") as f:
        f.write(rewrite(text))

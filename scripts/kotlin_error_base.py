#!/usr/bin/env python3
"""Gives the generated Kotlin exceptions of imbridge one base type.

The errors are the core's own enums (component `imbridge_core`), so UniFFI
generates MessageException, PushException, OutboxException and
InitException in `io.imbridge.core` as unrelated sealed classes whose
`message` is a field dump. This rewrites each of them, in the generated
file given, to extend `io.imbridge.ImbridgeException` (android/src/main/
kotlin/io/imbridge/ImbridgeException.kt): `code`, `detail` and `kind` come
from the core's exported `<error>ErrorCode` / `<error>ErrorDetail` /
`<error>ErrorKind` functions, and `domain` (what `toString` prints) is the
class's own name, written as text so that it survives obfuscation, and
the field-dump `message` is removed so the base's readable `message`
(= detail) applies.

Fails (exit 1) when the generated code no longer has the expected shape,
so a UniFFI upgrade cannot silently undo it.
"""
import re
import sys

# Exception class → the prefix of its exported accessors.
ERRORS = {
    "MessageException": "messageError",
    "PushException": "pushError",
    "OutboxException": "outboxError",
    "InitException": "initError",
}


def rewrite(text: str) -> str:
    for name, accessor in ERRORS.items():
        head = f"sealed class {name}: kotlin.Exception() {{"
        start = text.find(head)
        if start < 0:
            sys.exit(f"kotlin_error_base: `{head}` not found")
        end = text.find("companion object ErrorHandler", start)
        if end < 0:
            sys.exit(f"kotlin_error_base: end of {name} not found")
        for fn in (f"{accessor}Code", f"{accessor}Detail", f"{accessor}Kind"):
            if f"fun `{fn}`(" not in text and f"fun {fn}(" not in text:
                sys.exit(f"kotlin_error_base: accessor {fn} not generated")
        block = text[start:end]
        block = block.replace(
            head,
            f"sealed class {name}: io.imbridge.ImbridgeException() {{\n"
            f"    override val code: kotlin.Int? get() = {accessor}Code(this)\n"
            f"    override val detail: kotlin.String get() = {accessor}Detail(this)\n"
            f"    override val kind: kotlin.String get() = {accessor}Kind(this)\n"
            f"    override val domain: kotlin.String get() = \"{name}\"\n",
            1,
        )
        block, dumps = re.subn(r"\n\s*override val message\n\s*get\(\) = \"[^\n]*\"", "", block)
        variants = len(re.findall(rf"\) : {name}\(\)", block))
        if variants == 0 or dumps != variants:
            sys.exit(
                f"kotlin_error_base: {name} has an unexpected shape "
                f"({variants} variants, {dumps} message overrides)"
            )
        text = text[:start] + block + text[end:]
    return text


if __name__ == "__main__":
    path = sys.argv[1]
    with open(path, encoding="utf-8") as f:
        text = f.read()
    with open(path, "w", encoding="utf-8") as f:
        f.write(rewrite(text))

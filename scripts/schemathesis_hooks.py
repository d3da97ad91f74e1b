"""scripts/schemathesis_hooks.py - what schemathesis needs to send memberstub's requests
(loaded by scripts/test-schemathesis.sh through SCHEMATHESIS_HOOKS).

The photo upload's PATCH carries raw bytes as `application/offset+octet-stream` (the tus
media type, server-stub/openapi.yaml); schemathesis serializes only the media types it knows,
so the generated body (bytes, or text for a negative case) goes out as it is.
"""
import schemathesis


@schemathesis.serializer("application/offset+octet-stream")
def _raw_bytes(ctx, value):
    if value is None:
        return b""
    if isinstance(value, (bytes, bytearray)):
        return bytes(value)
    return str(value).encode("utf-8")

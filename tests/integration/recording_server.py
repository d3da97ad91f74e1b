#!/usr/bin/env python3
"""tests/integration/recording_server.py - a server for test_tls: HTTPS (with --cert/--key) or
plain HTTP on 127.0.0.1, an ephemeral port printed as "PORT <n>" on stdout. Every request it
receives is appended to --record ("METHOD PATH" then its header lines, then a blank line), and
answered 200 with a JSON object an OTP request accepts. A TLS handshake that fails records
nothing. With --connections, each connection accepted appends a line "CONNECTION" to that file.
Stopped by SIGTERM."""
import argparse
import http.server
import json
import signal
import ssl
import sys


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--record", required=True)
    ap.add_argument("--cert")
    ap.add_argument("--key")
    ap.add_argument("--connections")
    args = ap.parse_args()

    class Handler(http.server.BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"
        disable_nagle_algorithm = True  # headers and body go out at once (bench_http's timings)

        def setup(self):
            super().setup()
            if args.connections:
                with open(args.connections, "a", encoding="utf-8") as f:
                    f.write("CONNECTION\n")

        def answer(self):
            length = int(self.headers.get("Content-Length") or 0)
            if length:
                self.rfile.read(length)
            with open(args.record, "a", encoding="utf-8") as f:
                f.write(f"{self.command} {self.path}\n{self.headers}\n")
            body = json.dumps({"phone": "+919800000001", "registered": True,
                               "expires_in_s": 300, "resend_after_s": 30}).encode()
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        do_GET = do_POST = do_PUT = do_DELETE = do_PATCH = answer

        def log_message(self, *a):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    if args.cert:
        ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        ctx.load_cert_chain(args.cert, args.key)
        server.socket = ctx.wrap_socket(server.socket, server_side=True)
    signal.signal(signal.SIGTERM, lambda *a: sys.exit(0))
    print(f"PORT {server.server_address[1]}", flush=True)
    server.serve_forever()


if __name__ == "__main__":
    main()

"""Local stand-ins for the providers, on loopback: an SMTP server (aiosmtpd) and one HTTP server that plays
the SMS gateway (generic / aliyun / tencent shapes: POST /send, GET /status?out_id=) and the WeChat API
(GET /cgi-bin/token, POST /cgi-bin/message/template/send). Used by tests/notify and benchmarks/modules/notify.py;
each counts what it received, so "none lost, none duplicated" is counted where the messages arrive.
"""

from __future__ import annotations

import json
import threading
import time
import urllib.parse
from collections import Counter
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


class SmtpStandIn:
    """aiosmtpd on 127.0.0.1:<free port>; `messages` holds (to, subject, message-id)."""

    def __init__(self):
        from aiosmtpd.controller import Controller

        self.messages: list[tuple[str, str, str]] = []
        self.lock = threading.Lock()
        outer = self

        class Handler:
            async def handle_DATA(self, server, session, envelope):
                from email import message_from_bytes
                from email.policy import default

                msg = message_from_bytes(envelope.content, policy=default)
                with outer.lock:
                    for rcpt in envelope.rcpt_tos:
                        outer.messages.append(
                            (rcpt, str(msg.get("Subject", "")), str(msg.get("Message-ID", "")))
                        )
                return "250 OK"

        import socket

        with socket.socket() as probe:  # aiosmtpd connects to its port to see it is up: name one
            probe.bind(("127.0.0.1", 0))
            self.port = probe.getsockname()[1]
        self.controller = Controller(Handler(), hostname="127.0.0.1", port=self.port)

    def __enter__(self):
        self.controller.start()
        return self

    def __exit__(self, *exc):
        self.controller.stop()

    def ids(self) -> Counter:
        with self.lock:
            return Counter(mid for _, _, mid in self.messages)


class GatewayStandIn:
    """SMS gateway + WeChat API. `mode`: "ok", "down" (503), "hang" (record, then never answer: the client
    times out with the message delivered — the "unknown" case). `hang_after`: answer normally this many
    sends, then hang. `received` counts each SMS by its out id (OutId/SessionContext/out_id)."""

    def __init__(self, shape: str = "generic"):
        self.shape = shape
        self.mode = "ok"
        self.hang_after: int | None = None
        self.received: Counter = Counter()
        self.wechat: Counter = Counter()
        self.requests = 0
        self.lock = threading.Lock()
        self.release = threading.Event()
        self.extra: dict = {}  # path → callable returning JSON (the benchmark's /_counts)
        outer = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"
            # One segment per response: headers and body written apart meet Nagle and the delayed ACK (40 ms).
            wbufsize = 65536
            disable_nagle_algorithm = True

            def log_message(self, *args):
                pass

            def _reply(self, status: int, data: dict):
                raw = json.dumps(data).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(raw)))
                self.end_headers()
                self.wfile.write(raw)

            def do_GET(self):
                u = urllib.parse.urlsplit(self.path)
                q = dict(urllib.parse.parse_qsl(u.query))
                if u.path in outer.extra:
                    return self._reply(200, outer.extra[u.path](q))
                if outer.mode == "down":
                    return self._reply(503, {"error": "down"})
                if u.path.endswith("/cgi-bin/token"):
                    return self._reply(200, {"access_token": "T0KEN", "expires_in": 7200})
                if u.path.endswith("/status"):
                    with outer.lock:
                        n = outer.received.get(q.get("out_id", ""), 0)
                    if n:
                        return self._reply(200, {"status": "delivered", "id": q["out_id"]})
                    return self._reply(404, {"status": "missing"})
                return self._reply(404, {})

            def do_POST(self):
                u = urllib.parse.urlsplit(self.path)
                length = int(self.headers.get("Content-Length") or 0)
                data = json.loads(self.rfile.read(length) or b"{}")
                if outer.mode == "down":
                    return self._reply(503, {"error": "down"})
                if u.path.endswith("/cgi-bin/message/template/send"):
                    with outer.lock:
                        outer.wechat[data.get("touser", "")] += 1
                    if str(data.get("touser", "")).startswith("bad"):
                        return self._reply(200, {"errcode": 43004, "errmsg": "require subscribe"})
                    if any(len(v.get("value", "")) > 20 for v in data.get("data", {}).values()):
                        return self._reply(200, {"errcode": 47003, "errmsg": "argument invalid! data.value"})
                    return self._reply(200, {"errcode": 0, "errmsg": "ok", "msgid": 1})
                out_id = data.get("OutId") or data.get("SessionContext") or data.get("out_id") or ""
                with outer.lock:
                    outer.received[out_id] += 1
                    outer.requests += 1
                    hang = outer.mode == "hang" or (
                        outer.hang_after is not None and outer.requests > outer.hang_after
                    )
                if hang:
                    outer.release.wait(30)
                    self.close_connection = True
                    return None
                if outer.shape == "aliyun":
                    return self._reply(200, {"Code": "OK", "BizId": out_id[-20:]})
                if outer.shape == "tencent":
                    return self._reply(
                        200, {"Response": {"SendStatusSet": [{"Code": "Ok", "SerialNo": out_id[-20:]}]}}
                    )
                return self._reply(200, {"ok": True, "id": out_id})

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.port = self.server.server_address[1]
        self.url = f"http://127.0.0.1:{self.port}"

    def __enter__(self):
        self.thread = threading.Thread(target=self.server.serve_forever, args=(0.05,), daemon=True)
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.release.set()
        self.server.shutdown()
        self.server.server_close()

    def wait_for(self, n: int, timeout: float = 10.0) -> bool:
        end = time.monotonic() + timeout
        while time.monotonic() < end:
            with self.lock:
                if self.requests >= n:
                    return True
            time.sleep(0.01)
        return False


def serve() -> None:
    """`python -m renda.notify.standins`: both stand-ins in their own process (the benchmark's providers).
    Prints {"smtp": port, "http": port} once listening; GET /_counts on the HTTP port answers what each has
    received (totals, distinct keys, duplicates); stops when stdin closes."""
    import sys

    with SmtpStandIn() as smtp, GatewayStandIn() as gateway:

        def counts(q: dict) -> dict:
            prefix = q.get("prefix", "")
            mail = Counter({k: v for k, v in smtp.ids().items() if k.lstrip("<").startswith(prefix)})
            with gateway.lock:
                sms = Counter({k: v for k, v in gateway.received.items() if k.startswith(prefix)})
            return {
                "mail_total": sum(mail.values()),
                "mail_unique": len(mail),
                "mail_dupes": sum(n - 1 for n in mail.values() if n > 1),
                "sms_total": sum(sms.values()),
                "sms_unique": len(sms),
                "sms_dupes": sum(n - 1 for n in sms.values() if n > 1),
            }

        def reset() -> None:
            with smtp.lock:
                smtp.messages.clear()
            with gateway.lock:
                gateway.received.clear()
                gateway.requests = 0

        gateway.extra = {"/_counts": counts, "/_reset": lambda q: reset() or {}}
        print(json.dumps({"smtp": smtp.port, "http": gateway.port}), flush=True)
        sys.stdin.read()


if __name__ == "__main__":
    serve()

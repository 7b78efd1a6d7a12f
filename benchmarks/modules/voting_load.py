"""The load process of the voting benchmarks (benchmarks/modules/voting.py runs it as
`python -m benchmarks.modules.voting_load` with the plan on stdin): members' and devices' ballots over
loopback with 24 connections, the retries, and what each client got back, as JSON on stdout."""

from __future__ import annotations

import json
import os
import sys
import time

from benchmarks.modules.voting import CSRF


def _load(spec: dict) -> dict:
    import http.client
    import random
    from concurrent.futures import ThreadPoolExecutor

    port, bare_mode = spec["port"], spec["bare"]
    lat: list[float] = []

    def send(method, path, body=None, cookie="", *, drop=False):
        started = time.perf_counter()
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        headers = {"Content-Type": "application/json"} if body is not None else {}
        if cookie:
            headers["Cookie"] = cookie
            headers["X-CSRFToken"] = CSRF
        try:
            conn.request(
                method, path, body=json.dumps(body).encode() if body is not None else None, headers=headers
            )
            if drop:
                conn.sock.shutdown(2)  # the phone gave up before the answer came
                return 0, {}
            r = conn.getresponse()
            raw = r.read()
            lat.append(time.perf_counter() - started)
            try:
                return r.status, json.loads(raw)
            except ValueError:
                return r.status, {"raw": raw[:200].decode(errors="replace")}
        except OSError as exc:
            return -1, {"error": str(exc)}
        finally:
            conn.close()

    def member(m):
        cookie = f"sessionid={m['session']}; csrftoken={CSRF}"
        body = {"choices": [m["choice"]], "key": m["key"]}
        path = (
            f"/api/bare/voting_ballot?poll={spec['poll']}"
            if bare_mode
            else f"/api/v1/voting/polls/{spec['poll']}/ballots"
        )
        if m["retry"] == "drop":
            send("POST", path, body, cookie, drop=True)
            time.sleep(random.random() * 0.05)
        status, out = send("POST", path, body, cookie)
        answers = [(status, out.get("receipt") or out)]
        if m["retry"] == "read":
            status2, out2 = send("POST", path, body, cookie)
            answers.append((status2, out2.get("receipt") or out2))
        return answers

    def device(d, k):
        """A phone that scanned the QR code: one request per vote, with no device token (its first vote); the
        token comes back with the receipt. `page`: it also asks for the poll's options first."""
        if bare_mode:
            body = {"choices": [d["choice"]], "key": d["key"], "device": f"bench-{spec['run']}-{k}"}
            path = f"/api/bare/voting_public?poll={spec['poll']}"
        else:
            if spec.get("page"):
                status, _info = send("GET", f"/api/v1/voting/public/{spec['token']}")
                if status != 200:
                    return [(status, None)]
            body = {"choices": [d["choice"]], "key": d["key"]}
            path = f"/api/v1/voting/public/{spec['token']}/ballots"
        if d["retry"] == "drop":
            send("POST", path, body, drop=True)  # the answer, and the device token with it, never arrive
        status, out = send("POST", path, body)
        answers = [(status, out.get("receipt") or out)]
        if d["retry"] == "read":
            # Resent after reading the answer: now with the device token the answer carried.
            again = {**body, "device": out["device"]} if out.get("device") else body
            status2, out2 = send("POST", path, again)
            answers.append((status2, out2.get("receipt") or out2))
        return answers

    jobs = [("m", m, i) for i, m in enumerate(spec["members"])] + [
        ("d", d, i) for i, d in enumerate(spec["devices"])
    ]
    random.Random(7).shuffle(jobs)
    with ThreadPoolExecutor(spec["concurrency"]) as pool:
        started = time.perf_counter()
        answers = list(pool.map(lambda j: member(j[1]) if j[0] == "m" else device(j[1], j[2]), jobs))
        elapsed = time.perf_counter() - started
    bad: dict[str, int] = {}
    mismatched = 0
    for a in answers:
        for status, out in a:
            if status not in (200, 201):
                what = f"{status} {out.get('code', '') if isinstance(out, dict) else ''}".strip()
                bad[what] = bad.get(what, 0) + 1
        if len(a) == 2 and a[0][1] != a[1][1]:
            mismatched += 1
    lat.sort()
    return {
        "elapsed": elapsed,
        "bad": bad,
        "mismatched_receipts": mismatched,
        "requests": len(lat),
        "p95_ms": lat[int(0.95 * (len(lat) - 1))] * 1000 if lat else 0.0,
    }


def _main() -> None:
    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "renda.settings")
    django.setup()
    print(json.dumps(_load(json.loads(sys.stdin.read()))))


if __name__ == "__main__":
    _main()

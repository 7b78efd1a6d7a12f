"""Delivery adapters: e-mail over SMTP (Django's e-mail settings), SMS (log or a generic HTTP gateway),
WeChat official-account template messages. Each answers with a `Result`, never raises for a delivery failure.

Results: `sent`; `retry` (timeout before the request was sent, connection refused, rate limited, 5xx saying
so); `permanent` (bad number, template refused: no retry); `unknown` (the request may have reached the
provider: a timeout waiting for the answer). An unknown SMS is never resent blindly (Aliyun and Tencent do
not dedupe, wave2-references.md (d)): the dispatcher asks `check()` with the same key.
"""

from __future__ import annotations

import contextlib
import http.client
import json
import logging
import re
import socket
import time
import urllib.parse
from dataclasses import dataclass

from django.conf import settings
from django.core import mail
from django.core.mail import EmailMessage

log = logging.getLogger("renda.notify")

SENT, RETRY, PERMANENT, UNKNOWN, PENDING, MISSING = (
    "sent",
    "retry",
    "permanent",
    "unknown",
    "pending",
    "missing",
)
PHONE = re.compile(r"^(?:\+?86)?(1[3-9]\d{9})$")
WECHAT_FIELD_MAX = 20  # characters per template-message field since 2023-05-04 (wave2-references.md (d))


@dataclass
class Result:
    result: str
    ref: str = ""
    error: str = ""


def conf(name: str, default=""):
    """NOTIFY_* from settings, else the environment variable of the same name, else the default."""
    import os

    value = getattr(settings, name, None)
    if value is None:
        value = os.environ.get(name, default)
    return value


def normal_phone(value: str) -> str | None:
    """A mainland mobile number as 11 digits, or None."""
    m = PHONE.match(re.sub(r"[\s-]", "", value or ""))
    return m.group(1) if m else None


# ---------------------------------------------------------------- HTTP


class Http:
    """One keep-alive connection to a gateway (http or https), reopened after an error."""

    def __init__(self, base: str, timeout: float):
        u = urllib.parse.urlsplit(base)
        self.scheme, self.host, self.port = u.scheme, u.hostname, u.port
        self.prefix = u.path.rstrip("/")
        self.timeout = timeout
        self.conn = None

    def _connect(self):
        cls = http.client.HTTPSConnection if self.scheme == "https" else http.client.HTTPConnection
        self.conn = cls(self.host, self.port, timeout=self.timeout)
        self.conn.connect()

    def host_header(self) -> str:
        """The Host header exactly as sent (a signed request signs it)."""
        default = 443 if self.scheme == "https" else 80
        return self.host if self.port in (None, default) else f"{self.host}:{self.port}"

    def request(
        self,
        method: str,
        path: str,
        body: dict | None = None,
        query: dict | None = None,
        *,
        raw: bytes | None = None,
        headers: dict | None = None,
    ):
        """(status, json) — raises ConnectionError before the request left, TimeoutError after it did.
        `raw` and `headers` are a signed request's exact bytes and headers (renda/notify/providers.py);
        without them the body is JSON and NOTIFY_SMS_TOKEN, if set, is sent as a bearer token."""
        url = self.prefix + path + ("?" + urllib.parse.urlencode(query) if query else "")
        if raw is not None:
            payload, headers = raw, dict(headers or {})
        else:
            payload = json.dumps(body, ensure_ascii=False).encode() if body is not None else None
            headers = {"Content-Type": "application/json; charset=utf-8"}
            token = conf("NOTIFY_SMS_TOKEN")
            if token:
                headers["Authorization"] = f"Bearer {token}"
        for fresh in (False, True):
            try:
                if self.conn is None:
                    self._connect()
            except OSError as exc:
                self.close()
                raise ConnectionError(str(exc)) from exc
            try:
                self.conn.request(method, url, body=payload, headers=headers)
            except OSError as exc:  # the request did not leave: safe to try again
                self.close()
                if fresh:
                    raise ConnectionError(str(exc)) from exc
                continue
            try:
                resp = self.conn.getresponse()
                data = resp.read()
            except TimeoutError as exc:
                self.close()
                raise TimeoutError(str(exc)) from exc
            except (http.client.RemoteDisconnected, ConnectionResetError) as exc:
                # A kept-alive connection the server had closed before reading: not sent, try once more.
                self.close()
                if fresh:
                    raise TimeoutError(str(exc)) from exc
                continue
            except OSError as exc:
                self.close()
                raise TimeoutError(str(exc)) from exc
            try:
                return resp.status, json.loads(data or b"{}")
            except ValueError:
                return resp.status, {"raw": data[:200].decode("utf-8", "replace")}
        raise ConnectionError("unreachable")

    def close(self):
        if self.conn is not None:
            with contextlib.suppress(OSError):
                self.conn.close()
        self.conn = None


# ---------------------------------------------------------------- e-mail


class EmailAdapter:
    """SMTP through Django's EMAIL_* settings; one connection for a whole batch. The Message-ID carries
    the idempotency key, so a message resent after a crash is recognisable as the same one."""

    channel = "email"
    can_check = False

    def __init__(self):
        self.conn = None

    def open(self):
        if self.conn is None:
            self.conn = mail.get_connection(fail_silently=False)
            self.conn.open()
            sock = getattr(getattr(self.conn, "connection", None), "sock", None)
            if sock is not None:  # one SMTP command per segment: no Nagle wait behind the server's ACK
                sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)

    def send(self, row) -> Result:
        try:
            self.open()
            msg = EmailMessage(row.subject, row.text, to=[row.address], connection=self.conn)
            domain = (conf("NOTIFY_EMAIL_DOMAIN") or "renda.local").strip()
            msg.extra_headers["Message-ID"] = f"<{row.key.replace(':', '.')}@{domain}>"
            msg.send()
            return Result(SENT)
        except Exception as exc:
            self.close()
            import smtplib

            if isinstance(exc, smtplib.SMTPRecipientsRefused | smtplib.SMTPSenderRefused):
                code = getattr(exc, "smtp_code", 0) or 0
                if isinstance(exc, smtplib.SMTPRecipientsRefused):
                    codes = [c for c, _ in exc.recipients.values()]
                    code = codes[0] if codes else 0
                if 500 <= code < 600:
                    return Result(PERMANENT, error=f"邮件服务器拒收（{code}）")
            return Result(RETRY, error=f"邮件发送失败：{type(exc).__name__} {exc}"[:300])

    def check(self, row) -> Result:
        return Result(MISSING)

    def close(self):
        if self.conn is not None:
            with contextlib.suppress(Exception):
                self.conn.close()
        self.conn = None


# ---------------------------------------------------------------- SMS


class LogSmsAdapter:
    """Development: the SMS is written to the log and counted as sent (the default adapter)."""

    channel = "sms"
    can_check = True
    sent: list = []  # the last messages, for the demo and tests

    def open(self):
        pass

    def send(self, row) -> Result:
        log.info("SMS to %s: %s", row.address[:3] + "****" + row.address[-4:], row.text)
        LogSmsAdapter.sent = [*LogSmsAdapter.sent[-99:], (row.address, row.text, row.key)]
        return Result(SENT, ref=row.key)

    def check(self, row) -> Result:
        return Result(SENT if any(k == row.key for _, _, k in LogSmsAdapter.sent) else MISSING)

    def close(self):
        pass


def _sms_body(shape: str, row) -> dict:
    """The request body in the provider's shape (field names as in its SendSms API)."""
    sign = conf("NOTIFY_SMS_SIGN", "人大")
    if shape == "aliyun":
        return {
            "PhoneNumbers": row.address,
            "SignName": sign,
            "TemplateCode": row.provider_template,
            "TemplateParam": json.dumps(row.params, ensure_ascii=False),
            "OutId": row.key[:64],
        }
    if shape == "tencent":
        return {
            "PhoneNumberSet": ["+86" + row.address],
            "SmsSdkAppId": conf("NOTIFY_SMS_APP_ID"),
            "SignName": sign,
            "TemplateId": row.provider_template,
            "TemplateParamSet": [str(v) for v in row.params.values()],
            "SessionContext": row.key,
        }
    return {"phone": row.address, "text": row.text, "template": row.provider_template, "out_id": row.key}


def _sms_ok(shape: str, status: int, data: dict) -> tuple[str, str, str]:
    """(result, ref, error) from a gateway answer."""
    if status == 429:
        return RETRY, "", "短信网关限流（429）"
    if status >= 500:
        return RETRY, "", f"短信网关错误（{status}）"
    if shape == "aliyun":
        code = str(data.get("Code", ""))
        if code == "OK":
            return SENT, str(data.get("BizId", "")), ""
        if "LIMIT" in code or code in {"isp.SYSTEM_ERROR", "Throttling"}:
            return RETRY, "", f"阿里云：{code}"
        return PERMANENT, "", f"阿里云：{code} {data.get('Message', '')}"[:300]
    if shape == "tencent":
        st = ((data.get("Response") or {}).get("SendStatusSet") or [{}])[0]
        code = str(st.get("Code", ""))
        if code == "Ok":
            return SENT, str(st.get("SerialNo", "")), ""
        if "LimitExceeded" in code or code.startswith("InternalError"):
            return RETRY, "", f"腾讯云：{code}"
        return PERMANENT, "", f"腾讯云：{code} {st.get('Message', '')}"[:300]
    if status == 200 and data.get("ok"):
        return SENT, str(data.get("id", "")), ""
    if 400 <= status < 500:
        return PERMANENT, "", f"短信网关拒绝（{status}）：{data.get('error', '')}"[:300]
    return RETRY, "", f"短信网关应答无法识别（{status}）"


class HttpSmsAdapter:
    """A generic HTTP gateway: POST NOTIFY_SMS_URL/send in the request shape NOTIFY_SMS_SHAPE (generic,
    aliyun, tencent); a receipt is asked at GET NOTIFY_SMS_URL/status?out_id=KEY. For Aliyun and Tencent
    themselves use NOTIFY_SMS_BACKEND=aliyun|tencent: renda/notify/providers.py signs their API calls."""

    channel = "sms"
    can_check = True

    def __init__(self):
        self.shape = conf("NOTIFY_SMS_SHAPE", "generic")
        self.http = Http(conf("NOTIFY_SMS_URL"), float(conf("NOTIFY_SMS_TIMEOUT", "5")))

    def open(self):
        pass

    def send(self, row) -> Result:
        try:
            status, data = self.http.request("POST", "/send", _sms_body(self.shape, row))
        except ConnectionError as exc:
            return Result(RETRY, error=f"短信网关无法连接：{exc}"[:300])
        except TimeoutError as exc:
            return Result(UNKNOWN, error=f"短信网关超时，结果不明：{exc}"[:300])
        result, ref, error = _sms_ok(self.shape, status, data)
        return Result(result, ref, error)

    def check(self, row) -> Result:
        try:
            status, data = self.http.request("GET", "/status", query={"out_id": row.key})
        except (ConnectionError, TimeoutError) as exc:
            return Result(UNKNOWN, error=f"回执查询失败：{exc}"[:300])
        if status == 404 or data.get("status") == "missing":
            return Result(MISSING)
        state = data.get("status", "")
        if state in {"delivered", "sent", "accepted"}:
            return Result(SENT, ref=str(data.get("id", "")))
        if state == "failed":
            return Result(PERMANENT, error=f"回执：发送失败 {data.get('error', '')}"[:300])
        return Result(PENDING)

    def close(self):
        self.http.close()


# ---------------------------------------------------------------- WeChat


def wechat_fields(keys: tuple[str, ...], values: list[str]) -> dict:
    """The template message's data, each value checked against the 20-character limit: over it is cut with
    "…" before sending (the platform would cut it silently, and a mini-program refuses it)."""
    data = {}
    for key, value in zip(keys, values, strict=False):
        value = str(value).replace("\n", " ").strip()
        if len(value) > WECHAT_FIELD_MAX:
            value = value[: WECHAT_FIELD_MAX - 1] + "…"
        data[key] = {"value": value}
    return data


class WeChatAdapter:
    """Official-account template messages: POST {NOTIFY_WECHAT_API}/cgi-bin/message/template/send.
    The access_token (7,200 s) is fetched by this process and kept until 5 minutes before it expires; one
    dispatcher should own it, since fetching a new token invalidates the old (docs/notify.md)."""

    channel = "wechat"
    can_check = False
    _token: tuple[str, float] | None = None

    def __init__(self):
        self.http = Http(conf("NOTIFY_WECHAT_API", "https://api.weixin.qq.com"), 5.0)

    def open(self):
        pass

    def token(self) -> str:
        now = time.time()
        if WeChatAdapter._token and WeChatAdapter._token[1] > now:
            return WeChatAdapter._token[0]
        status, data = self.http.request(
            "GET",
            "/cgi-bin/token",
            query={
                "grant_type": "client_credential",
                "appid": conf("NOTIFY_WECHAT_APP_ID"),
                "secret": conf("NOTIFY_WECHAT_SECRET"),
            },
        )
        if status != 200 or "access_token" not in data:
            raise ConnectionError(f"access_token：{data.get('errcode', status)} {data.get('errmsg', '')}")
        WeChatAdapter._token = (data["access_token"], now + int(data.get("expires_in", 7200)) - 300)
        return data["access_token"]

    def send(self, row) -> Result:
        try:
            token = self.token()
            body = {"touser": row.address, "template_id": row.provider_template, "data": row.params}
            if row.url:
                body["url"] = row.url
            status, data = self.http.request(
                "POST", "/cgi-bin/message/template/send", body, query={"access_token": token}
            )
        except ConnectionError as exc:
            return Result(RETRY, error=f"微信接口无法连接：{exc}"[:300])
        except TimeoutError as exc:
            return Result(UNKNOWN, error=f"微信接口超时：{exc}"[:300])
        code = int(data.get("errcode", -1)) if status == 200 else -1
        if code == 0:
            return Result(SENT, ref=str(data.get("msgid", "")))
        if code in {40001, 42001}:  # token invalid/expired: fetch a new one next time
            WeChatAdapter._token = None
            return Result(RETRY, error=f"微信 access_token 失效（{code}）")
        if code in {-1, 45009, 45047}:  # system busy, API rate limits
            return Result(RETRY, error=f"微信接口繁忙或限流（{code if status == 200 else status}）")
        return Result(PERMANENT, error=f"微信拒绝：{code} {data.get('errmsg', '')}"[:300])

    def check(self, row) -> Result:
        # The template-message API offers no query; a timeout is resolved by the event callback, or
        # (after max_checks) the row goes to the fallback channel rather than risk a duplicate.
        return Result(PENDING)

    def close(self):
        self.http.close()


def adapter(channel: str):
    if channel == "email":
        return EmailAdapter()
    if channel == "sms":
        backend = conf("NOTIFY_SMS_BACKEND", "log")
        if backend in ("aliyun", "tencent"):  # the provider's own API, signed (renda/notify/providers.py)
            from . import providers

            return providers.AliyunSmsAdapter() if backend == "aliyun" else providers.TencentSmsAdapter()
        return HttpSmsAdapter() if backend == "http" else LogSmsAdapter()
    if channel == "wechat":
        return WeChatAdapter()
    raise ValueError(channel)

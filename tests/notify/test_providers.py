"""Real SMS provider signing (issue 18 "a generic HTTP adapter configurable for the common Chinese SMS
providers"; renda/notify/providers.py): the published worked examples, then end to end against loopback
stand-ins that check every request's signature themselves. The stand-ins' verifiers are written here from
the providers' pages, byte by byte, and never call renda's signer."""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import logging
import re
import threading
import time
import urllib.parse
from datetime import UTC, datetime, timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone

from renda.notify import providers, services
from renda.notify.models import Attempt, Outbox, Status
from renda.notify.services import Address, notify

pytestmark = pytest.mark.django_db

KEY_ID, SECRET = "LTAI-test-id", "s3cret-not-for-logs"

# ---------------------------------------------------------------- the published worked examples

RPC_DOC_PARAMS = {  # Aliyun "Signature mechanism" (RPC), ECS DescribeRegions, AccessKeySecret "testsecret"
    "AccessKeyId": "testid",
    "Action": "DescribeRegions",
    "Format": "XML",
    "SignatureMethod": "HMAC-SHA1",
    "SignatureNonce": "3ee8c1b8-83d3-44af-a94f-4e0ad82fd6cf",
    "SignatureVersion": "1.0",
    "Timestamp": "2016-02-23T12:46:24Z",
    "Version": "2014-05-26",
}
RPC_DOC_STRING_TO_SIGN = (
    "GET&%2F&AccessKeyId%3Dtestid%26Action%3DDescribeRegions%26Format%3DXML%26SignatureMethod%3DHMAC-SHA1"
    "%26SignatureNonce%3D3ee8c1b8-83d3-44af-a94f-4e0ad82fd6cf%26SignatureVersion%3D1.0"
    "%26Timestamp%3D2016-02-23T12%253A46%253A24Z%26Version%3D2014-05-26"
)
DYSMS_DOC_PARAMS = {  # Dysms "HTTP 协议及签名": SendSms, AccessKeySecret "testSecret"
    "AccessKeyId": "testId",
    "Action": "SendSms",
    "Format": "XML",
    "OutId": "123",
    "PhoneNumbers": "15300000001",
    "RegionId": "cn-hangzhou",
    "SignName": "阿里云短信测试专用",
    "SignatureMethod": "HMAC-SHA1",
    "SignatureNonce": "45e25e9b-0a6f-4070-8c85-2956eda1b466",
    "SignatureVersion": "1.0",
    "TemplateCode": "SMS_71390007",
    "TemplateParam": '{"customer":"test"}',
    "Timestamp": "2017-07-12T02:42:19Z",
    "Version": "2017-05-25",
}


def test_aliyun_signature_reproduces_the_rpc_documentation_example():
    assert providers.aliyun_string_to_sign("GET", RPC_DOC_PARAMS) == RPC_DOC_STRING_TO_SIGN
    assert providers.aliyun_signature("GET", RPC_DOC_PARAMS, "testsecret") == "OLeaidS1JvxuMvnyHOwuJ+uX5qY="


def test_aliyun_signature_reproduces_the_dysms_send_sms_example_with_a_chinese_sign_name():
    assert providers.aliyun_signature("GET", DYSMS_DOC_PARAMS, "testSecret") == "zJDF+Lrzhj/ThnlvIToysFRq6t4="
    assert providers.aliyun_signature("GET", DYSMS_DOC_PARAMS, "testsecret") != "zJDF+Lrzhj/ThnlvIToysFRq6t4="


def test_aliyun_percent_encoding_is_rfc3986_not_form_encoding():
    assert providers.aliyun_percent_encode("a b*~") == "a%20b%2A~"
    assert providers.aliyun_percent_encode("派/+") == "%E6%B4%BE%2F%2B"


def test_tc3_signature_reproduces_the_signature_v3_documentation_example():
    # Tencent "Signature v3": CVM DescribeInstances, SecretKey Gu5t9xGARNpq86cd98joQYCN3EXAMPLE, 1551113065
    payload = b'{"Limit": 1, "Filters": [{"Values": ["\\u672a\\u547d\\u540d"], "Name": "instance-name"}]}'
    assert (
        hashlib.sha256(payload).hexdigest().startswith("35e9c5b0e3ae6753")
    )  # the page's HashedRequestPayload
    auth = providers.tc3_authorization(
        secret_id="AKIDz8krbsJ5yKBZQpn74WFkmLPx3EXAMPLE",
        secret_key="Gu5t9xGARNpq86cd98joQYCN3EXAMPLE",
        service="cvm",
        timestamp=1551113065,
        headers={"Content-Type": "application/json; charset=utf-8", "Host": "cvm.tencentcloudapi.com"},
        payload=payload,
    )
    assert auth == (
        "TC3-HMAC-SHA256 Credential=AKIDz8krbsJ5yKBZQpn74WFkmLPx3EXAMPLE/2019-02-25/cvm/tc3_request, "
        "SignedHeaders=content-type;host, "
        "Signature=72e494ea809ad7a8c8f7a4507b9bddcbaa8e581f516e8da2f66e2c5a96525168"
    )


# ---------------------------------------------------------------- independent verifiers (from the pages)

UNRESERVED = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.~"


def spec_percent(text: str) -> str:
    return "".join(chr(b) if b in UNRESERVED else f"%{b:02X}" for b in text.encode("utf-8"))


def spec_aliyun_ok(method: str, params: dict[str, str], secret: str) -> bool:
    given = params.get("Signature", "")
    pairs = sorted((spec_percent(k), spec_percent(v)) for k, v in params.items() if k != "Signature")
    canonical = "&".join(f"{k}={v}" for k, v in pairs)
    to_sign = method + "&" + spec_percent("/") + "&" + spec_percent(canonical)
    mac = hmac.new((secret + "&").encode(), to_sign.encode(), hashlib.sha1).digest()
    return hmac.compare_digest(base64.b64encode(mac).decode(), given)


AUTH = re.compile(
    r"^TC3-HMAC-SHA256 Credential=(?P<id>[^/]+)/(?P<date>\d{4}-\d\d-\d\d)/(?P<service>[a-z]+)/tc3_request, "
    r"SignedHeaders=(?P<signed>[a-z0-9;-]+), Signature=(?P<sig>[0-9a-f]{64})$"
)


def spec_tc3_ok(headers, body: bytes, secret_key: str) -> str:
    """'' when the request is signed as the page says, else what is wrong."""
    m = AUTH.match(headers.get("Authorization", ""))
    if not m:
        return "malformed Authorization"
    ts = int(headers.get("X-TC-Timestamp", "0"))
    if abs(time.time() - ts) > 300:
        return "timestamp more than 5 minutes off"
    if m["date"] != datetime.fromtimestamp(ts, UTC).strftime("%Y-%m-%d"):
        return "credential date is not the UTC date of the timestamp"
    names = m["signed"].split(";")
    if "content-type" not in names or "host" not in names or names != sorted(names):
        return "signed headers must include content-type and host, sorted"
    canonical_headers = "".join(f"{n}:{headers.get(n, '').strip().lower()}\n" for n in names)
    request = f"POST\n/\n\n{canonical_headers}\n{m['signed']}\n{hashlib.sha256(body).hexdigest()}"
    scope = f"{m['date']}/{m['service']}/tc3_request"
    to_sign = f"TC3-HMAC-SHA256\n{ts}\n{scope}\n{hashlib.sha256(request.encode()).hexdigest()}"

    def h(key: bytes, msg: str) -> bytes:
        return hmac.new(key, msg.encode(), hashlib.sha256).digest()

    k = h(h(h(("TC3" + secret_key).encode(), m["date"]), m["service"]), "tc3_request")
    expected = hmac.new(k, to_sign.encode(), hashlib.sha256).hexdigest()
    return "" if hmac.compare_digest(expected, m["sig"]) else "signature mismatch"


class ProviderStandIn:
    """Aliyun Dysms or Tencent SMS on loopback: verifies each request, records SMS by OutId/SessionContext,
    answers the receipt queries from what it recorded. `hang`: record the SMS, never answer."""

    def __init__(self, kind: str, secret: str = SECRET):
        self.kind, self.secret = kind, secret
        self.hang = False
        self.sms: list[dict] = []
        self.rejected: list[str] = []
        self.nonces: set[str] = set()
        self.raw: list[bytes] = []
        self.release = threading.Event()
        outer = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args):
                pass

            def reply(self, status: int, data: dict):
                raw = json.dumps(data, ensure_ascii=False).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(raw)))
                self.end_headers()
                self.wfile.write(raw)

            def do_POST(self):
                body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
                outer.raw.append(bytes(self.headers) + body)
                if outer.kind == "aliyun":
                    return outer.aliyun(self, body)
                return outer.tencent(self, body)

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"

    def __enter__(self):
        threading.Thread(target=self.server.serve_forever, args=(0.05,), daemon=True).start()
        return self

    def __exit__(self, *exc):
        self.release.set()
        self.server.shutdown()
        self.server.server_close()

    def _hang(self, h) -> bool:
        if self.hang:
            self.release.wait(5)
            h.close_connection = True
        return self.hang

    def aliyun(self, h, body: bytes):
        if not h.headers.get("Content-Type", "").startswith("application/x-www-form-urlencoded"):
            return h.reply(400, {"Code": "InvalidContentType"})
        params = dict(urllib.parse.parse_qsl(body.decode(), keep_blank_values=True))
        ts = datetime.strptime(params.get("Timestamp", "1970-01-01T00:00:00Z"), "%Y-%m-%dT%H:%M:%SZ")
        if abs(ts.replace(tzinfo=UTC).timestamp() - time.time()) > 900:
            return h.reply(400, {"Code": "InvalidTimeStamp.Expired"})
        if params.get("SignatureMethod") != "HMAC-SHA1" or params.get("SignatureVersion") != "1.0":
            return h.reply(400, {"Code": "InvalidSignatureMethod"})
        if params.get("AccessKeyId") != KEY_ID or not spec_aliyun_ok("POST", params, self.secret):
            self.rejected.append(params.get("Action", ""))
            return h.reply(400, {"Code": "SignatureDoesNotMatch", "Message": "Specified signature not match"})
        if params["SignatureNonce"] in self.nonces:
            return h.reply(400, {"Code": "SignatureNonceUsed"})
        self.nonces.add(params["SignatureNonce"])
        if params.get("Version") != "2017-05-25":
            return h.reply(400, {"Code": "InvalidVersion"})
        if params["Action"] == "SendSms":
            day = datetime.now(ZoneInfo("Asia/Shanghai")).strftime("%Y%m%d")
            self.sms.append({**params, "day": day, "BizId": f"{len(self.sms) + 1}^0"})
            if self._hang(h):
                return None
            return h.reply(200, {"Code": "OK", "Message": "OK", "BizId": self.sms[-1]["BizId"]})
        if params["Action"] == "QuerySendDetails":
            mine = [
                {
                    "OutId": s.get("OutId", ""),
                    "PhoneNum": s["PhoneNumbers"],
                    "SendStatus": 3,
                    "ErrCode": "DELIVERED",
                }
                for s in self.sms
                if s["PhoneNumbers"] == params["PhoneNumber"] and s["day"] == params["SendDate"]
            ]
            return h.reply(
                200, {"Code": "OK", "TotalCount": len(mine), "SmsSendDetailDTOs": {"SmsSendDetailDTO": mine}}
            )
        return h.reply(400, {"Code": "InvalidAction"})

    def tencent(self, h, body: bytes):
        wrong = spec_tc3_ok(h.headers, body, self.secret)
        if not wrong and (h.headers.get("X-TC-Version") != "2021-01-11" or not h.headers.get("X-TC-Region")):
            wrong = "version/region"
        if not wrong and AUTH.match(h.headers["Authorization"])["id"] != KEY_ID:
            wrong = "unknown SecretId"
        if wrong:
            self.rejected.append(wrong)
            return h.reply(
                200, {"Response": {"Error": {"Code": "AuthFailure.SignatureFailure", "Message": wrong}}}
            )
        data = json.loads(body)
        action = h.headers.get("X-TC-Action")
        if action == "SendSms":
            self.sms.append(data)
            if self._hang(h):
                return None
            serial = f"2433:{len(self.sms)}"
            return h.reply(
                200,
                {
                    "Response": {
                        "SendStatusSet": [
                            {"Code": "Ok", "SerialNo": serial, "SessionContext": data["SessionContext"]}
                        ]
                    }
                },
            )
        if action == "PullSmsSendStatusByPhoneNumber":
            found = [
                {
                    "PhoneNumber": s["PhoneNumberSet"][0],
                    "SessionContext": s["SessionContext"],
                    "ReportStatus": "SUCCESS",
                }
                for s in self.sms
                if s["PhoneNumberSet"][0] == data["PhoneNumber"]
            ]
            return h.reply(200, {"Response": {"PullSmsSendStatusSet": found, "RequestId": "r"}})
        return h.reply(200, {"Response": {"Error": {"Code": "InvalidAction"}}})


@pytest.fixture
def provider(settings, request):
    kind = request.param
    with ProviderStandIn(kind) as p:
        settings.NOTIFY_SMS_BACKEND = kind
        settings.NOTIFY_SMS_URL = p.url
        settings.NOTIFY_SMS_TIMEOUT = "1"
        settings.NOTIFY_SMS_KEY_ID, settings.NOTIFY_SMS_KEY_SECRET = KEY_ID, SECRET
        settings.NOTIFY_SMS_APP_ID = "1400006666"
        settings.NOTIFY_SMS_TEMPLATE_CONTACT_REPLIED = "SMS_4711"
        yield p


def _queue(event: str = "e2e") -> Outbox:
    notify(
        [Address(phone="13800007777", key="v1")],
        "contact_replied",
        {"title": "路灯不亮", "unit": "城管局", "link": "https://rd.example.cn/messages/track/"},
        channels=("sms",),
        event=event,
        urgent=True,
    )
    return Outbox.objects.get(event=event)


@pytest.mark.parametrize("provider", ["aliyun", "tencent"], indirect=True)
def test_a_signed_sms_is_accepted_by_a_verifying_provider_and_sent_once(provider):
    row = _queue()
    assert services.dispatch(now=timezone.now()) == {"sent": 1}
    row.refresh_from_db()
    assert row.status == Status.SENT and row.provider_ref and provider.rejected == []
    assert len(provider.sms) == 1
    sms = provider.sms[0]
    if provider.kind == "aliyun":
        assert sms["PhoneNumbers"] == "13800007777" and sms["TemplateCode"] == "SMS_4711"
        assert sms["OutId"] == row.key[:64] and json.loads(sms["TemplateParam"])["unit"] == "城管局"
    else:
        assert sms["PhoneNumberSet"] == ["+8613800007777"] and sms["SessionContext"] == row.key
        # Tencent's {1}{2}{3} are the catalogue's order (title, unit, link), whatever the JSON column kept
        assert sms["TemplateParamSet"] == ["路灯不亮", "城管局", "https://rd.example.cn/messages/track/"]
        assert sms["SmsSdkAppId"] == "1400006666"


@pytest.mark.parametrize("provider", ["aliyun", "tencent"], indirect=True)
def test_a_wrong_secret_is_refused_by_the_provider_and_never_logged(provider, settings, caplog):
    settings.NOTIFY_SMS_KEY_SECRET = "not-the-secret-either"
    _queue()
    with caplog.at_level(logging.DEBUG):
        assert services.dispatch(now=timezone.now()) == {"permanent": 1}
    row = Outbox.objects.get()
    assert row.status == Status.DEAD and (
        "SignatureDoesNotMatch" in row.last_error or "SignatureFailure" in row.last_error
    )
    assert provider.sms == [] and provider.rejected
    stored = " ".join([row.last_error, *Attempt.objects.values_list("error", flat=True), caplog.text])
    assert "not-the-secret-either" not in stored and SECRET not in stored
    assert all(b"not-the-secret-either" not in r for r in provider.raw)  # only its HMAC travels


@pytest.mark.parametrize("provider", ["aliyun", "tencent"], indirect=True)
def test_an_unknown_send_is_found_in_the_providers_records_and_not_resent(provider):
    # issue 18: "a provider 'unknown' result is checked, not blindly resent"
    row = _queue()
    provider.hang = True  # the provider takes the SMS and the answer never comes
    assert services.dispatch(now=timezone.now()) == {"unknown": 1}
    row.refresh_from_db()
    assert row.status == Status.CHECKING
    provider.hang = False
    provider.release.set()
    assert services.dispatch(now=timezone.now() + timedelta(hours=1)) == {}  # never claimed for a resend
    assert services.check(now=timezone.now() + timedelta(minutes=1)) == {"sent": 1}
    row.refresh_from_db()
    assert row.status == Status.SENT and len(provider.sms) == 1 and provider.rejected == []


@pytest.mark.parametrize("provider", ["aliyun"], indirect=True)
def test_aliyun_absent_from_its_records_after_the_grace_period_is_queued_again(provider):
    row = _queue()
    Outbox.objects.filter(pk=row.pk).update(
        status=Status.CHECKING, claimed_at=timezone.now() - timedelta(minutes=1)
    )
    assert services.check(now=timezone.now()) == {"pending": 1}  # may still be on its way
    Outbox.objects.filter(pk=row.pk).update(
        next_attempt_at=timezone.now(), claimed_at=timezone.now() - timedelta(hours=1)
    )
    assert services.check(now=timezone.now()) == {"missing": 1}
    row.refresh_from_db()
    assert row.status == Status.QUEUED
    assert services.dispatch(now=timezone.now()) == {"sent": 1} and len(provider.sms) == 1


@pytest.mark.parametrize("provider", ["tencent"], indirect=True)
def test_tencent_absent_from_its_receipts_is_never_taken_for_not_received(provider):
    # Tencent lists receipts, not submissions: absence proves nothing, so no resend
    row = _queue()
    Outbox.objects.filter(pk=row.pk).update(
        status=Status.CHECKING, claimed_at=timezone.now() - timedelta(hours=1)
    )
    assert services.check(now=timezone.now()) == {"pending": 1}
    row.refresh_from_db()
    assert row.status == Status.CHECKING and provider.sms == []

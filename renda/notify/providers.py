"""The SMS providers' own APIs, signed as they publish it (issue 18; docs/notify.md "A real SMS provider").

- **Aliyun 短信服务 (Dysms, API 2017-05-25)**: `SendSms` and, for a "checking" row, `QuerySendDetails`,
  RPC style with the documented V1 signature ("Signature mechanism" for RPC APIs,
  help.aliyun.com/en/document_detail/130769.html, and the Dysms "HTTP 协议及签名" page, document_detail/56189): every parameter but
  `Signature` sorted by name, names and values percent-encoded (RFC 3986: only A–Z a–z 0–9 - _ . ~ stay,
  space is %20, `*` is %2A), joined with `=` and `&`; StringToSign = METHOD & %2F & percent(canonical);
  Signature = Base64(HMAC-SHA1(AccessKeySecret + "&", StringToSign)). Worked examples: the RPC page's
  DescribeRegions request (secret `testsecret` → `OLeaidS1JvxuMvnyHOwuJ+uX5qY=`) and the Dysms page's
  SendSms request (secret `testSecret` → `zJDF+Lrzhj/ThnlvIToysFRq6t4=`), both in tests/notify/test_providers.py.
- **Tencent Cloud 短信 (API 2021-01-11)**: `SendSms` and `PullSmsSendStatusByPhoneNumber`, API 3.0 with the
  TC3-HMAC-SHA256 signature (the API 3.0 "Signature v3" page, the same in every product's docs, e.g.
  tencentcloud.com/document/product/1026/31038): CanonicalRequest =
  METHOD \\n / \\n query \\n canonical headers \\n signed headers \\n hex(SHA256(payload)); StringToSign =
  "TC3-HMAC-SHA256" \\n timestamp \\n date/service/tc3_request \\n hex(SHA256(CanonicalRequest)); the key
  is derived HMAC-SHA256("TC3"+SecretKey, date) → service → "tc3_request", the date being the UTC date of
  the timestamp. Worked example: the page's DescribeInstances request (signature `72e494ea…5168`).

Secrets come from settings or the environment (`NOTIFY_SMS_KEY_ID`, `NOTIFY_SMS_KEY_SECRET`), are used only
to compute the signature, and never appear in a log line, an attempt's error or the outbox.

Neither provider dedupes (wave2-references.md (d)): the key travels as Aliyun `OutId` / Tencent
`SessionContext`, and an "unknown" send is resolved by finding that key in the provider's own records.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import time
import urllib.parse
import uuid
from datetime import UTC, datetime, timedelta

from django.utils import timezone

from . import catalogue
from .channels import MISSING, PENDING, PERMANENT, RETRY, SENT, UNKNOWN, Http, Result, conf

# ---------------------------------------------------------------- Aliyun RPC signature (V1)


def aliyun_percent_encode(value) -> str:
    """RFC 3986 percent-encoding as Aliyun's RPC signature requires it (UTF-8, upper-case hex)."""
    return urllib.parse.quote(str(value), safe="-_.~")


def aliyun_string_to_sign(method: str, params: dict) -> str:
    canonical = "&".join(
        f"{aliyun_percent_encode(k)}={aliyun_percent_encode(v)}"
        for k, v in sorted(params.items())
        if k != "Signature"
    )
    return f"{method.upper()}&{aliyun_percent_encode('/')}&{aliyun_percent_encode(canonical)}"


def aliyun_signature(method: str, params: dict, secret: str) -> str:
    """Base64(HMAC-SHA1(secret + "&", StringToSign)) — the "&" is part of the documented key."""
    digest = hmac.new(
        f"{secret}&".encode(), aliyun_string_to_sign(method, params).encode(), hashlib.sha1
    ).digest()
    return base64.b64encode(digest).decode()


def aliyun_signed_body(
    action: str, params: dict, *, key_id: str, secret: str, now: float | None = None
) -> bytes:
    """The form body of one signed RPC POST: the common parameters, the action's, and `Signature`."""
    full = {
        "AccessKeyId": key_id,
        "Action": action,
        "Format": "JSON",
        "RegionId": conf("NOTIFY_SMS_REGION", "") or "cn-hangzhou",
        "SignatureMethod": "HMAC-SHA1",
        "SignatureNonce": uuid.uuid4().hex,
        "SignatureVersion": "1.0",
        "Timestamp": datetime.fromtimestamp(now or time.time(), UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
        "Version": "2017-05-25",
        **{k: str(v) for k, v in params.items()},
    }
    full["Signature"] = aliyun_signature("POST", full, secret)
    return "&".join(
        f"{aliyun_percent_encode(k)}={aliyun_percent_encode(v)}" for k, v in full.items()
    ).encode()


# ---------------------------------------------------------------- Tencent TC3-HMAC-SHA256


def _sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _hmac256(key: bytes, msg: str) -> bytes:
    return hmac.new(key, msg.encode(), hashlib.sha256).digest()


def tc3_authorization(
    *,
    secret_id: str,
    secret_key: str,
    service: str,
    timestamp: int,
    headers: dict[str, str],
    payload: bytes,
    method: str = "POST",
    query: str = "",
) -> str:
    """The Authorization header of a TC3-HMAC-SHA256 request. `headers` are the signed ones (name → value
    exactly as sent); names and values are lower-cased and trimmed, sorted by name, as the page says."""
    canon = sorted((k.strip().lower(), v.strip().lower()) for k, v in headers.items())
    canonical_headers = "".join(f"{k}:{v}\n" for k, v in canon)
    signed = ";".join(k for k, _ in canon)
    canonical_request = "\n".join([method, "/", query, canonical_headers, signed, _sha256(payload)])
    date = datetime.fromtimestamp(timestamp, UTC).strftime("%Y-%m-%d")  # UTC, never local (the page's note)
    scope = f"{date}/{service}/tc3_request"
    to_sign = "\n".join(["TC3-HMAC-SHA256", str(timestamp), scope, _sha256(canonical_request.encode())])
    k = _hmac256(_hmac256(_hmac256(("TC3" + secret_key).encode(), date), service), "tc3_request")
    signature = hmac.new(k, to_sign.encode(), hashlib.sha256).hexdigest()
    return f"TC3-HMAC-SHA256 Credential={secret_id}/{scope}, SignedHeaders={signed}, Signature={signature}"


# ---------------------------------------------------------------- the adapters


def _credentials() -> tuple[str, str]:
    return str(conf("NOTIFY_SMS_KEY_ID", "")), str(conf("NOTIFY_SMS_KEY_SECRET", ""))


def _params_in_order(row) -> list[str]:
    """The template's values in catalogue order (Tencent's {1}, {2}…): a JSON column does not keep order."""
    params = row.params or {}
    default = catalogue.CATALOGUE.get(row.template)
    names = [n for n in (default.variables if default else {}) if n in params]
    names += [n for n in params if n not in names]
    return [str(params[n]) for n in names]


def _grace() -> timedelta:
    """How long after a send a record absent from the provider's list may still be on its way."""
    return timedelta(seconds=int(conf("NOTIFY_SMS_RECEIPT_GRACE", "300")))


class _Signed:
    channel = "sms"
    can_check = True
    default_url = ""

    def __init__(self):
        self.http = Http(
            conf("NOTIFY_SMS_URL", "") or self.default_url, float(conf("NOTIFY_SMS_TIMEOUT", "5"))
        )

    def open(self):
        pass

    def close(self):
        self.http.close()

    def _call(self, raw: bytes, headers: dict):
        """(status, data) or a Result for a transport failure (never the request or its secret)."""
        try:
            return self.http.request("POST", "/", raw=raw, headers=headers)
        except ConnectionError as exc:
            return Result(RETRY, error=f"短信服务商无法连接：{exc}"[:300])
        except TimeoutError as exc:
            return Result(UNKNOWN, error=f"短信服务商超时，结果不明：{exc}"[:300])


ALIYUN_RETRY = ("Throttling", "isp.SYSTEM_ERROR", "ServiceUnavailable", "InternalError", "InvalidTimeStamp")


class AliyunSmsAdapter(_Signed):
    """NOTIFY_SMS_BACKEND=aliyun: POST https://dysmsapi.aliyuncs.com/ (or NOTIFY_SMS_URL), signed RPC."""

    default_url = "https://dysmsapi.aliyuncs.com"

    def _rpc(self, action: str, params: dict):
        key_id, secret = _credentials()
        raw = aliyun_signed_body(action, params, key_id=key_id, secret=secret)
        headers = {
            "Host": self.http.host_header(),
            "Content-Type": "application/x-www-form-urlencoded; charset=utf-8",
            "Accept": "application/json",
        }
        return self._call(raw, headers)

    @staticmethod
    def _outcome(status: int, data: dict) -> Result:
        code = str(data.get("Code", ""))
        if code == "OK":
            return Result(SENT, ref=str(data.get("BizId", "")))
        if status == 429 or status >= 500 or code.startswith(ALIYUN_RETRY) or "LIMIT" in code:
            return Result(RETRY, error=f"阿里云：{code or status} {data.get('Message', '')}"[:300])
        return Result(PERMANENT, error=f"阿里云：{code or status} {data.get('Message', '')}"[:300])

    def send(self, row) -> Result:
        out = self._rpc(
            "SendSms",
            {
                "PhoneNumbers": row.address,
                "SignName": conf("NOTIFY_SMS_SIGN", "人大"),
                "TemplateCode": row.provider_template,
                "TemplateParam": json.dumps(row.params or {}, ensure_ascii=False, separators=(",", ":")),
                "OutId": row.key[:64],
            },
        )
        return out if isinstance(out, Result) else self._outcome(*out)

    def check(self, row) -> Result:
        """QuerySendDetails for the number on the day(s) of the send (Beijing dates), matched on OutId:
        SendStatus 3 delivered, 2 failed, 1 waiting for the receipt. Absent after the grace period: the
        provider never had it (queued again); absent within it: asked again later."""
        sent_at = row.claimed_at or row.created_at or timezone.now()
        days = sorted({timezone.localtime(sent_at).date(), timezone.localdate()})
        for day in days:
            params = {"PhoneNumber": row.address, "SendDate": day.strftime("%Y%m%d"), "PageSize": 50}
            params["CurrentPage"] = 1
            if row.provider_ref:
                params["BizId"] = row.provider_ref
            out = self._rpc("QuerySendDetails", params)
            if isinstance(out, Result):
                return Result(UNKNOWN, error=f"回执查询失败：{out.error}"[:300])
            status, data = out
            if str(data.get("Code", "")) != "OK":
                return Result(UNKNOWN, error=f"回执查询失败：阿里云 {data.get('Code', status)}"[:300])
            details = (data.get("SmsSendDetailDTOs") or {}).get("SmsSendDetailDTO") or []
            for d in details:
                if str(d.get("OutId", "")) == row.key[:64]:
                    state = int(d.get("SendStatus") or 0)
                    if state == 3:
                        return Result(SENT, ref=row.provider_ref)
                    if state == 2:
                        return Result(PERMANENT, error=f"回执：发送失败 {d.get('ErrCode', '')}"[:300])
                    return Result(PENDING)
        if timezone.now() - sent_at < _grace():
            return Result(PENDING)
        return Result(MISSING)


TENCENT_RETRY = ("InternalError", "RequestLimitExceeded", "LimitExceeded", "AuthFailure.SignatureExpire")


class TencentSmsAdapter(_Signed):
    """NOTIFY_SMS_BACKEND=tencent: POST https://sms.tencentcloudapi.com/ (or NOTIFY_SMS_URL), TC3 signed."""

    default_url = "https://sms.tencentcloudapi.com"
    version = "2021-01-11"

    def _api(self, action: str, params: dict):
        key_id, secret = _credentials()
        payload = json.dumps(params, ensure_ascii=False, separators=(",", ":")).encode()
        ts = int(time.time())
        signed = {
            "Content-Type": "application/json; charset=utf-8",
            "Host": self.http.host_header(),
            "X-TC-Action": action,
        }
        headers = {
            "Content-Type": signed["Content-Type"],
            "Host": signed["Host"],
            "X-TC-Action": action,
            "X-TC-Timestamp": str(ts),
            "X-TC-Version": self.version,
            "X-TC-Region": conf("NOTIFY_SMS_REGION", "") or "ap-guangzhou",
            "Authorization": tc3_authorization(
                secret_id=key_id,
                secret_key=secret,
                service="sms",
                timestamp=ts,
                headers=signed,
                payload=payload,
            ),
        }
        return self._call(payload, headers)

    @staticmethod
    def _error(status: int, data: dict) -> Result | None:
        err = (data.get("Response") or {}).get("Error")
        if status == 429 or status >= 500:
            return Result(RETRY, error=f"腾讯云：HTTP {status}")
        if not err:
            return None
        code = str(err.get("Code", ""))
        kind = RETRY if code.startswith(TENCENT_RETRY) else PERMANENT
        return Result(kind, error=f"腾讯云：{code} {err.get('Message', '')}"[:300])

    def send(self, row) -> Result:
        out = self._api(
            "SendSms",
            {
                "PhoneNumberSet": ["+86" + row.address],
                "SmsSdkAppId": str(conf("NOTIFY_SMS_APP_ID", "")),
                "SignName": conf("NOTIFY_SMS_SIGN", "人大"),
                "TemplateId": row.provider_template,
                "TemplateParamSet": _params_in_order(row),
                "SessionContext": row.key,
            },
        )
        if isinstance(out, Result):
            return out
        status, data = out
        bad = self._error(status, data)
        if bad:
            return bad
        st = ((data.get("Response") or {}).get("SendStatusSet") or [{}])[0]
        code = str(st.get("Code", ""))
        if code == "Ok":
            return Result(SENT, ref=str(st.get("SerialNo", "")))
        kind = RETRY if code.startswith(TENCENT_RETRY) else PERMANENT
        return Result(kind, error=f"腾讯云：{code} {st.get('Message', '')}"[:300])

    def check(self, row) -> Result:
        """PullSmsSendStatusByPhoneNumber from a minute before the send, matched on SessionContext (or the
        SerialNo): SUCCESS delivered, FAIL failed. Tencent lists receipts, not submissions, so an absent
        record proves nothing — it stays pending until policy.max_checks, then dead, never resent."""
        sent_at = row.claimed_at or row.created_at or timezone.now()
        out = self._api(
            "PullSmsSendStatusByPhoneNumber",
            {
                "BeginTime": int(sent_at.timestamp()) - 60,
                "Offset": 0,
                "Limit": 100,
                "PhoneNumber": "+86" + row.address,
                "SmsSdkAppId": str(conf("NOTIFY_SMS_APP_ID", "")),
            },
        )
        if isinstance(out, Result):
            return Result(UNKNOWN, error=f"回执查询失败：{out.error}"[:300])
        status, data = out
        bad = self._error(status, data)
        if bad:
            return Result(UNKNOWN, error=f"回执查询失败：{bad.error}"[:300])
        for st in (data.get("Response") or {}).get("PullSmsSendStatusSet") or []:
            mine = st.get("SessionContext") == row.key or (
                row.provider_ref and st.get("SerialNo") == row.provider_ref
            )
            if not mine:
                continue
            if st.get("ReportStatus") == "SUCCESS":
                return Result(SENT, ref=str(st.get("SerialNo", "")))
            if st.get("ReportStatus") == "FAIL":
                return Result(PERMANENT, error=f"回执：发送失败 {st.get('Description', '')}"[:300])
        return Result(PENDING)

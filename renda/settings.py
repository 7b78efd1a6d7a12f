"""One settings module, configured by environment variables (design.md "Stack").

Embedded mode (no variables): SQLite in var/, SqliteHuey, local-memory cache, DEBUG off.
Production: DATABASE_URL=postgres://…, REDIS_URL=redis://…, SECRET_KEY and ALLOWED_HOSTS set.
"""

import os
import secrets
import sys
from pathlib import Path

import dj_database_url
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(os.environ.get("RENDA_VAR_DIR", BASE_DIR / "var"))


def env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


TESTING = "pytest" in sys.modules or env_bool("RENDA_TESTING")
DEBUG = env_bool("DEBUG")
# The embedded demo `make run` starts: demo accounts may skip the second factor.
RENDA_DEMO = env_bool("RENDA_DEMO")


def _secret_key() -> str:
    key = os.environ.get("SECRET_KEY", "")
    if key:
        return key
    if TESTING:
        return "renda-test-only-" + "x" * 40
    if DEBUG or RENDA_DEMO:
        # Embedded mode: one random key kept beside the SQLite database, so sessions survive restarts.
        VAR_DIR.mkdir(parents=True, exist_ok=True)
        path = VAR_DIR / "secret_key"
        if not path.exists():
            path.write_text(secrets.token_urlsafe(50))
            path.chmod(0o600)
        return path.read_text().strip()
    raise ImproperlyConfigured(
        "缺少 SECRET_KEY 环境变量：生产环境必须设置一个随机密钥后才能启动。"
        " (SECRET_KEY is not set; a production start refuses to run without it.)"
    )


SECRET_KEY = _secret_key()
ALLOWED_HOSTS = [
    h.strip() for h in os.environ.get("ALLOWED_HOSTS", "127.0.0.1,localhost").split(",") if h.strip()
]
if TESTING:
    ALLOWED_HOSTS += ["testserver"]
CSRF_TRUSTED_ORIGINS = [o for o in os.environ.get("CSRF_TRUSTED_ORIGINS", "").split(",") if o]

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "axes",
    "csp",
    "huey.contrib.djhuey",
    "ninja",  # its own copy of Swagger UI for /api/v1/docs (without it ninja loads Swagger from a CDN)
    "renda.core",
    "renda.notify",
    "renda.deputies",
    "renda.suggestions",
    "renda.duties",
    "renda.contact",
    "renda.voting",
    "renda.meetings",
    "renda.supervision",
    "renda.surveys",
    "renda.insight",
    "renda.liaison",
    "renda.dashboards",
    "renda.portal",
    "renda.api",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "renda.core.middleware.SessionActivityMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "renda.core.middleware.RequestContextMiddleware",
    "renda.core.middleware.LoginRequiredMiddleware",
    "renda.core.middleware.SecondFactorMiddleware",
    "renda.core.middleware.RefusalMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "renda.urls"
WSGI_APPLICATION = "renda.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "renda" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "renda.core.context_processors.layout",
            ],
        },
    },
]

FORM_RENDERER = "renda.core.forms.Renderer"


def _database() -> dict:
    default_sqlite = f"sqlite:///{VAR_DIR / 'renda.sqlite3'}"
    url = os.environ.get("DATABASE_URL") or default_sqlite
    try:
        config = dj_database_url.parse(url)
    except (ValueError, KeyError) as exc:
        raise ImproperlyConfigured(
            f"DATABASE_URL 格式错误（{exc}）。示例：postgres://user@127.0.0.1:5432/renda 或 sqlite:///var/renda.sqlite3"
        ) from exc
    if not config.get("ENGINE") or (config["ENGINE"].endswith("sqlite3") is False and not config.get("NAME")):
        raise ImproperlyConfigured("DATABASE_URL 缺少数据库名。示例：postgres://user@127.0.0.1:5432/renda")
    if config["ENGINE"].endswith("sqlite3"):
        if not config.get("NAME") or config["NAME"] == ":memory:":
            config["NAME"] = str(VAR_DIR / "renda.sqlite3")
        Path(config["NAME"]).parent.mkdir(parents=True, exist_ok=True)
        # WAL lets the portal read while a staff member writes; IMMEDIATE avoids lock-upgrade deadlocks.
        config["OPTIONS"] = {
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;",
            "transaction_mode": "IMMEDIATE",
            "timeout": 20,
        }
    elif "postgresql" in config["ENGINE"]:
        # A new connection per request costs ~5x throughput (testing-notes.md): pool them.
        config["CONN_MAX_AGE"] = 0
        config["OPTIONS"] = {"pool": {"min_size": 1, "max_size": 8}} if not TESTING else {}
        if TESTING:
            config["CONN_MAX_AGE"] = 60
    return config


DATABASES = {"default": _database()}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

REDIS_URL = os.environ.get("REDIS_URL", "")
if REDIS_URL:
    CACHES = {"default": {"BACKEND": "renda.core.cache.SharedClientRedisCache", "LOCATION": REDIS_URL}}
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "renda"}}

# Background work: SqliteHuey embedded, RedisHuey in production; tests run tasks immediately.
if REDIS_URL and not TESTING:
    HUEY = {"huey_class": "huey.RedisHuey", "name": "renda", "url": REDIS_URL, "immediate": False}
else:
    VAR_DIR.mkdir(parents=True, exist_ok=True)
    HUEY = {
        "huey_class": "huey.SqliteHuey",
        "name": "renda",
        "filename": str(VAR_DIR / "huey.sqlite3"),
        "immediate": TESTING or env_bool("HUEY_IMMEDIATE"),
    }

AUTH_USER_MODEL = "core.User"
AUTHENTICATION_BACKENDS = ["axes.backends.AxesStandaloneBackend", "django.contrib.auth.backends.ModelBackend"]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
if TESTING:
    # Argon2 is deliberately slow; tests that check the hasher set it back explicitly.
    PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher", *PASSWORD_HASHERS]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "renda.core.passwords.CharacterClassValidator", "OPTIONS": {"min_classes": 3}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
]
LOGIN_URL = "core:login"
LOGIN_REDIRECT_URL = "core:home"
LOGOUT_REDIRECT_URL = "core:login"

# Lockout (domain.md §7.1: ~5 failures lock the account for ~30 minutes; django-axes). An account is locked after
# 5 failures wherever they come from, and the failures are kept per account + address, so the security admin sees
# where they came from. Never per address alone: a whole county office behind one NAT address was locked out by
# one person's typos. An address is rate-limited instead (renda.core.login_limit): after LOGIN_IP_FAILURE_LIMIT
# failures within LOGIN_IP_WINDOW seconds it is refused for the rest of the window, and nobody's account is locked.
# The counter lives in Django's cache (Redis in production, so every worker shares it; local memory in tests).
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = 0.5
AXES_LOCKOUT_PARAMETERS = ["username", ["username", "ip_address"]]
LOGIN_IP_FAILURE_LIMIT = int(os.environ.get("RENDA_LOGIN_IP_FAILURE_LIMIT", "30"))
LOGIN_IP_WINDOW = 10 * 60
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "renda.core.views.auth.lockout_response"
AXES_VERBOSE = False
AXES_ENABLE_ACCESS_FAILURE_LOG = False

# Idle timeout: 30 minutes without a request end the session. The session row is refreshed at most once a
# minute (core.middleware.SessionActivityMiddleware), not written on every request; the extra minute in
# its lifetime keeps the timeout between 30 and 31 minutes of inactivity.
SESSION_IDLE_TIMEOUT = 30 * 60
SESSION_REFRESH_AFTER = 60
SESSION_COOKIE_AGE = SESSION_IDLE_TIMEOUT + SESSION_REFRESH_AFTER
SESSION_SAVE_EVERY_REQUEST = False
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = True
CSRF_FAILURE_VIEW = "renda.core.views.errors.csrf_failure"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
HTTPS = env_bool("RENDA_HTTPS", default=not (DEBUG or RENDA_DEMO or TESTING))
SESSION_COOKIE_SECURE = HTTPS
CSRF_COOKIE_SECURE = HTTPS
SECURE_SSL_REDIRECT = HTTPS and env_bool("RENDA_SSL_REDIRECT", default=True)
SECURE_HSTS_SECONDS = 31536000 if HTTPS else 0
SECURE_HSTS_INCLUDE_SUBDOMAINS = HTTPS
SECURE_HSTS_PRELOAD = HTTPS
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https") if env_bool("RENDA_BEHIND_PROXY") else None

# No inline scripts, nothing from another host.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF, "data:"],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}

OTP_TOTP_ISSUER = "renda 人大履职平台"

LANGUAGE_CODE = "zh-hans"
# Chinese only (docs/architecture.md "Translation"): Django's own messages in zh-hans for every browser.
LANGUAGES = [("zh-hans", "简体中文")]
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "renda" / "static"]
STORAGES = {
    # Whole files or none, and a full disk is a clear refusal (core/storage.py; tests/drills/test_disk_full.py).
    "default": {"BACKEND": "renda.core.storage.SafeFileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
}
if TESTING:
    STORAGES["staticfiles"] = {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}
WHITENOISE_USE_FINDERS = DEBUG or TESTING
if TESTING:
    STATIC_ROOT.mkdir(parents=True, exist_ok=True)
MEDIA_URL = "/media/"
MEDIA_ROOT = VAR_DIR / "media"
DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024

# Key for field encryption of ID-card and phone numbers (Fernet); derived from SECRET_KEY if unset.
FIELD_ENCRYPTION_KEY = os.environ.get("FIELD_ENCRYPTION_KEY", "")
# Rotation and 国密 (core/crypto.py): retired keys still read, the lookup-hash key that never changes,
# the cipher for new values (fernet | sm4) and the lookup hash (sha256 | sm3, chosen once at install).
FIELD_ENCRYPTION_OLD_KEYS = os.environ.get("FIELD_ENCRYPTION_OLD_KEYS", "")
FIELD_LOOKUP_KEY = os.environ.get("FIELD_LOOKUP_KEY", "")
FIELD_CIPHER = os.environ.get("FIELD_CIPHER", "fernet")
FIELD_LOOKUP_HASH = os.environ.get("FIELD_LOOKUP_HASH", "sha256")
if FIELD_CIPHER not in {"fernet", "sm4"} or FIELD_LOOKUP_HASH not in {"sha256", "sm3"}:
    raise ImproperlyConfigured("FIELD_CIPHER 只能是 fernet 或 sm4；FIELD_LOOKUP_HASH 只能是 sha256 或 sm3。")

# The audit log is kept at least 180 days (domain.md §7.1, 网络安全法 Art. 21); older entries are moved to
# archive files by a daily task (core.audit_retention).
AUDIT_RETENTION_DAYS = int(os.environ.get("RENDA_AUDIT_RETENTION_DAYS", "365"))

# Days a voter's personal data is kept after their message ended, per kind (contact/privacy.py RETENTION
# has the defaults and why): RENDA_RETENTION_DAYS="phone=365,voter_name=1095,place=1095,photos=1095".
RENDA_RETENTION_DAYS = {
    k.strip(): int(v)
    for k, _, v in (item.partition("=") for item in os.environ.get("RENDA_RETENTION_DAYS", "").split(","))
    if k.strip() and v.strip().isdigit()
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "WARNING"},
}

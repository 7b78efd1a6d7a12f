"""What a production start needs, checked before `renda serve` binds a port (docs/deploy.md).

Each missing piece is one Chinese sentence saying what to set and why, so the deployer fixes them all
in one go instead of one failed start at a time.
"""

import base64
import binascii
import os
from collections.abc import Mapping

MIN_SECRET_LENGTH = 32


def problems(env: Mapping[str, str] | None = None) -> list[str]:
    """Every unmet production requirement in `env` (the process environment by default)."""
    env = os.environ if env is None else env
    found: list[str] = []
    secret = env.get("SECRET_KEY", "")
    if not secret:
        found.append("未设置 SECRET_KEY：请设置一个至少 32 位的随机密钥（会话和签名依赖它）。")
    elif len(secret) < MIN_SECRET_LENGTH:
        found.append(f"SECRET_KEY 太短（{len(secret)} 位）：至少 {MIN_SECRET_LENGTH} 位。")
    key = env.get("FIELD_ENCRYPTION_KEY", "")
    if not key:
        found.append(
            "未设置 FIELD_ENCRYPTION_KEY：身份证号、手机号等个人信息须用独立密钥加密存储"
            "（生成：renda generate-field-key）。"
        )
    elif not _is_fernet_key(key):
        found.append(
            "FIELD_ENCRYPTION_KEY 格式错误：应为 32 字节的 urlsafe base64 字符串（renda generate-field-key）。"
        )
    if env.get("FIELD_ENCRYPTION_OLD_KEYS", "").strip() and not env.get("FIELD_LOOKUP_KEY", "").strip():
        found.append(
            "设置了 FIELD_ENCRYPTION_OLD_KEYS 却未设置 FIELD_LOOKUP_KEY：请把轮换前使用的密钥填入 FIELD_LOOKUP_KEY，"
            "否则查询码和身份证号查重将全部失效。"
        )
    url = env.get("DATABASE_URL", "")
    allow_sqlite = env.get("RENDA_ALLOW_SQLITE", "").lower() in {"1", "true", "yes", "on"}
    if not url.startswith(("postgres://", "postgresql://")) and not allow_sqlite:
        found.append(
            "DATABASE_URL 不是 PostgreSQL：生产环境请使用 PostgreSQL；"
            "小型单位确需 SQLite 时请显式设置 RENDA_ALLOW_SQLITE=1。"
        )
    if not env.get("ALLOWED_HOSTS", "").strip():
        found.append("未设置 ALLOWED_HOSTS：请填写对外访问的域名（多个用逗号分隔）。")
    if env.get("DEBUG", "").lower() in {"1", "true", "yes", "on"}:
        found.append("DEBUG 已打开：生产环境必须关闭（DEBUG 会在错误页泄露配置和数据）。")
    if env.get("RENDA_DEMO", "").lower() in {"1", "true", "yes", "on"}:
        found.append("RENDA_DEMO 已打开：演示模式允许演示账号跳过动态验证码，生产环境必须关闭。")
    workers = env.get("WEB_CONCURRENCY", "")
    if workers and (not workers.isdigit() or int(workers) < 1):
        found.append(f"WEB_CONCURRENCY 应为正整数，当前为 {workers!r}。")
    if not env.get("REDIS_URL") and (not workers or int(workers or 0) != 1):
        found.append(
            "未设置 REDIS_URL：多个工作进程必须共用 Redis（登录失败计数、限流、缓存和任务队列）；"
            "单进程小型部署请设置 WEB_CONCURRENCY=1。"
        )
    return found


def _is_fernet_key(value: str) -> bool:
    try:
        return len(base64.urlsafe_b64decode(value.encode())) == 32
    except (binascii.Error, ValueError):
        return False


def default_workers(cores: int | None = None) -> int:
    """gunicorn's rule of thumb, 2 × cores + 1, capped so a small server is not swapped to death."""
    cores = cores or os.cpu_count() or 1
    return min(2 * cores + 1, 17)

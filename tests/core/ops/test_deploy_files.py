"""The sample nginx and systemd files in deploy/ are valid for the tools that will read them (issue 21:
"the systemd/nginx files are checked (`nginx -t`, `systemd-analyze verify`) in the test suite")."""

import datetime as dt
import shutil
import subprocess
import sys
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

from renda.core.ops.requirements import problems

from .conftest import ROOT

DEPLOY = ROOT / "deploy"


def _self_signed(tmp: Path) -> tuple[Path, Path]:
    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "renda.example.gov.cn")])
    now = dt.datetime.now(dt.UTC)
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(1)
        .not_valid_before(now)
        .not_valid_after(now + dt.timedelta(days=1))
        .sign(key, hashes.SHA256())
    )
    crt, pem = tmp / "fullchain.pem", tmp / "privkey.pem"
    crt.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    pem.write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
        )
    )
    return crt, pem


def test_the_nginx_site_passes_nginx_t(tmp_path):
    assert shutil.which("nginx"), "nginx is installed by `make system-deps`"
    crt, pem = _self_signed(tmp_path)
    site = (DEPLOY / "nginx" / "renda.conf").read_text()
    site = site.replace("/etc/ssl/renda/fullchain.pem", str(crt)).replace(
        "/etc/ssl/renda/privkey.pem", str(pem)
    )
    site = site.replace("/var/log/nginx/", f"{tmp_path}/")
    (tmp_path / "renda.conf").write_text(site)
    (tmp_path / "nginx.conf").write_text(
        f"pid {tmp_path}/nginx.pid;\nerror_log {tmp_path}/error.log;\nevents {{}}\n"
        f"http {{\n access_log off;\n client_body_temp_path {tmp_path};\n include {tmp_path}/renda.conf;\n}}\n"
    )
    result = subprocess.run(
        ["nginx", "-t", "-c", str(tmp_path / "nginx.conf"), "-p", str(tmp_path)],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
    assert "syntax is ok" in result.stderr


def test_the_systemd_units_pass_systemd_analyze_verify(tmp_path):
    assert shutil.which("systemd-analyze")
    renda = Path(sys.executable).with_name("renda")
    for unit in sorted((DEPLOY / "systemd").iterdir()):
        text = (
            unit.read_text()
            .replace("/opt/renda/.venv/bin/renda", str(renda))
            .replace("/opt/renda", str(ROOT))
        )
        text = text.replace(
            "EnvironmentFile=/etc/renda/renda.env", f"EnvironmentFile={DEPLOY / 'env.example'}"
        )
        (tmp_path / unit.name).write_text(text)
    units = sorted(str(p) for p in tmp_path.iterdir() if p.suffix in {".service", ".timer"})
    result = subprocess.run(
        ["systemd-analyze", "verify", "--man=no", *units], capture_output=True, text=True, cwd=tmp_path
    )
    # Lines about the host (no systemd running in a container) are not about the units.
    errors = [
        line
        for line in result.stderr.splitlines()
        if line.strip() and "renda" in line and "Failed to" not in line.split(":", 1)[0]
    ]
    assert errors == [], result.stderr


def test_the_sample_environment_names_every_production_requirement():
    env = {}
    for line in (DEPLOY / "env.example").read_text().splitlines():
        if line and not line.startswith("#") and "=" in line:
            key, value = line.split("=", 1)
            env[key] = value
    env["FIELD_ENCRYPTION_KEY"] = "cmVuZGEtdGVzdC1maWVsZC1rZXktMzItYnl0ZXMhISE="  # the sample's placeholder
    assert problems(env) == []

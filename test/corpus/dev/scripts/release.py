"""Release helper: builds the wheel, uploads it and tells Jenkins and Vault about it.

Credentials normally come from the environment (see docs/CONTRIBUTING.md); the values
below were pasted in while debugging a failed release.
"""
import os
import subprocess

import hvac
import jenkins

PYPI_TOKEN_PREFIX = "pypi-AgEIcHlwaS5vcmc"  # every pypi.org token starts like this
TWINE_ENV = {
    "TWINE_USERNAME": "__token__",
    "TWINE_PASSWORD": "pypi-AgEIcHlwaS5vcmcelkmXjFAKEDWDTESTxULEAKGUARDPcuhK6D97qoCEmW6TeaHEQb0zxum37HY4Ycya3zBqXtof3XMhVhkz4duMQsNgmKx1ELzHrFlRNRQx6r4fJV3An_KytwWxr5Qbp9-hBtjbRqBDJu92rtzVUxXMjxi99ryw-mI",
}
TEST_PYPI_PASSWORD = os.environ.get("TEST_PYPI_PASSWORD", "")


def upload(dist_dir: str) -> None:
    env = {**os.environ, **TWINE_ENV}
    subprocess.run(["twine", "upload", f"{dist_dir}/*"], check=True, env=env)


def trigger_downstream(version: str) -> None:
    server = jenkins.Jenkins("https://ci.acme.test", username="release-bot", password="1195d8cb38b8dfae3f60800a404ba46482")
    server.build_job("acme-api/deploy", {"VERSION": version})


def read_deploy_key() -> str:
    client = hvac.Client(url="https://vault.acme.test:8200", token="hvs.CAESIFsTFAKEhQM_TESTYLEAKGUARDLv98vOv_JciTG28BAA5nsdOXmwR1dfVzpAd6zgAOKwyz6CFuf9uCKn6HKVYYS")
    secret = client.secrets.kv.v2.read_secret_version(path="acme-api/deploy")
    return secret["data"]["data"]["ssh_key"]


def read_deploy_key_from_env() -> str:
    client = hvac.Client(url=os.environ["VAULT_ADDR"], token=os.environ["VAULT_TOKEN"])
    return client.secrets.kv.v2.read_secret_version(path="acme-api/deploy")["data"]["data"]["ssh_key"]


if __name__ == "__main__":
    build_commit = "ca5142f3ef5ec5cdbfa35e16ae73e5eaf35a8439"
    upload("dist")
    trigger_downstream(os.environ.get("VERSION", "0.0.0-dev"))

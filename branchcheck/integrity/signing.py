"""Ed25519 key pairs and signatures over a result's canonical bytes.

``cryptography`` is imported only here, inside the functions, so commands that
neither sign nor read a signed result never load it. Private keys are PKCS#8
PEM files with mode 0600; a key file that others may read is refused. Public
keys are PEM files named ``<signer>.pub``; a folder of them is a trust store.
Neither key ever goes into a result, a log or a message (only fingerprints).
"""

from __future__ import annotations

import base64
import binascii
import os
import stat
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from branchcheck.core.errors import BranchcheckError, UsageError
from branchcheck.core.i18n import t
from branchcheck.integrity.canonical import canonical_bytes, sha256_hex

ALGORITHM = "ed25519"
SIGN_ENV = "BRANCHCHECK_SIGN_KEY"
TRUST_ENV = "BRANCHCHECK_TRUST"
_MAX_KEY_BYTES = 64 * 1024
_NAME_OK = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-.")


class KeyFileError(BranchcheckError):
    """A key file that is missing, unsafe or not an Ed25519 key (exit 2)."""


@dataclass(frozen=True)
class SigningKey:
    """A loaded private key: never printed, only its fingerprint."""

    key: Any
    fingerprint: str

    def __repr__(self) -> str:
        return f"SigningKey({self.fingerprint})"


def fingerprint(public_raw: bytes) -> str:
    """``ed25519:`` and the first 32 hex digits of the SHA-256 of the raw public key."""
    return f"{ALGORITHM}:{sha256_hex(public_raw)[:32]}"


def _raw_public(public: Any) -> bytes:
    from cryptography.hazmat.primitives import serialization

    raw: bytes = public.public_bytes(serialization.Encoding.Raw,
                                     serialization.PublicFormat.Raw)
    return raw


def new_pair(out: Path, name: str, lang: str = "en") -> tuple[Path, Path, str]:
    """Write ``<name>.key`` (0600) and ``<name>.pub`` under ``out``; never overwrites."""
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    if not name or not set(name) <= _NAME_OK or name.startswith("."):
        raise UsageError(t(lang, f"密钥名 {name!r} 无效：只能用字母、数字、'_'、'-'、'.'",
                           f"invalid key name {name!r}: use letters, digits, '_', '-' or '.'"))
    private = Ed25519PrivateKey.generate()
    pem_private = private.private_bytes(serialization.Encoding.PEM,
                                        serialization.PrivateFormat.PKCS8,
                                        serialization.NoEncryption())
    public = private.public_key()
    pem_public = public.public_bytes(serialization.Encoding.PEM,
                                     serialization.PublicFormat.SubjectPublicKeyInfo)
    key_path, pub_path = out / f"{name}.key", out / f"{name}.pub"
    for p in (key_path, pub_path):
        if os.path.lexists(p):
            raise UsageError(t(lang, f"{p} 已存在；密钥从不覆盖",
                               f"{p} already exists; keys are never overwritten"))
    try:
        out.mkdir(parents=True, exist_ok=True)
        fd = os.open(key_path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0),
                     0o600)
        try:
            os.fchmod(fd, 0o600)
            os.write(fd, pem_private)
            os.fsync(fd)
        finally:
            os.close(fd)
        from branchcheck.core.fsafe import atomic_write

        atomic_write(pub_path, pem_public, overwrite=False)
    except OSError as exc:
        raise UsageError(t(lang, f"无法写入密钥：{exc.strerror or exc}",
                           f"cannot write the key pair: {exc.strerror or exc}")) from None
    return key_path, pub_path, fingerprint(_raw_public(public))


def _read_key_file(path: str, lang: str, private: bool) -> bytes:
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK)
    except OSError as exc:
        raise KeyFileError(t(lang, f"无法读取密钥文件 {path}：{exc.strerror or exc}",
                          f"cannot read key file {path}: {exc.strerror or exc}")) from None
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode) or info.st_size > _MAX_KEY_BYTES:
            raise KeyFileError(t(lang, f"{path} 不是密钥文件", f"{path} is not a key file"))
        if private and info.st_mode & 0o077:
            raise KeyFileError(t(
                lang, f"私钥 {path} 的权限为 {stat.S_IMODE(info.st_mode):04o}，其他人可读；"
                      f"请运行 chmod 600 {path}",
                f"private key {path} has mode {stat.S_IMODE(info.st_mode):04o} and others "
                f"can read it; run chmod 600 {path}"))
        with os.fdopen(fd, "rb", closefd=False) as fh:
            return fh.read(_MAX_KEY_BYTES)
    except OSError as exc:
        raise KeyFileError(t(lang, f"无法读取密钥文件 {path}：{exc.strerror or exc}",
                          f"cannot read key file {path}: {exc.strerror or exc}")) from None
    finally:
        os.close(fd)


def load_signing_key(path: str, lang: str = "en") -> SigningKey:
    """The Ed25519 private key in ``path`` (refused unless only its owner can read it)."""
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    data = _read_key_file(path, lang, private=True)
    try:
        key = serialization.load_pem_private_key(data, password=None)
    except (ValueError, TypeError):
        key = None
    if not isinstance(key, Ed25519PrivateKey):
        raise KeyFileError(t(lang, f"{path} 不是未加密的 Ed25519 私钥（PEM）",
                          f"{path} is not an unencrypted Ed25519 private key (PEM)"))
    return SigningKey(key, fingerprint(_raw_public(key.public_key())))


def sign(data: Mapping[str, Any], key: SigningKey) -> dict[str, str]:
    """The ``signature`` block for result ``data``."""
    value = key.key.sign(canonical_bytes(data))
    public = _raw_public(key.key.public_key())
    return {"algorithm": ALGORITHM, "key": key.fingerprint,
            "public_key": base64.b64encode(public).decode("ascii"),
            "value": base64.b64encode(value).decode("ascii")}


_trusted: dict[tuple[str, tuple[tuple[str, int, int], ...]], dict[str, str]] = {}
BRANCHES_FILE = "branches.yaml"
"""In a trust folder: which branches each signer may sign for (issue 25, N5)."""
ANY_BRANCH = "*"
_mapped: dict[tuple[str, int, int], dict[str, frozenset[str]]] = {}


def may_sign(folder: str | None, signer: str, branch: str, lang: str = "en") -> bool:
    """Whether the trusted key named ``signer`` may sign results of ``branch``: the
    branches ``branches.yaml`` in the trust folder lists for it (``"*"``: any), else
    only the branch of the same name as the key."""
    allowed = branch_map(folder, lang).get(signer)
    if allowed is None:
        return signer == branch
    return ANY_BRANCH in allowed or branch in allowed


def branch_map(folder: str | None, lang: str = "en") -> dict[str, frozenset[str]]:
    """Signer name -> the branches it may sign for, from ``<folder>/branches.yaml``
    (empty when there is none; read once per process while the file stays the same)."""
    if not folder:
        return {}
    path = os.path.join(folder, BRANCHES_FILE)
    try:
        info = os.stat(path)
    except OSError:
        return {}
    key = (path, info.st_mtime_ns, info.st_size)
    if key not in _mapped:
        _mapped[key] = _read_map(path, lang)
    return _mapped[key]


def _read_map(path: str, lang: str) -> dict[str, frozenset[str]]:
    from branchcheck.core.errors import BranchcheckError
    from branchcheck.core.strictyaml import parse_mapping, read_text

    bad = KeyFileError(t(
        lang, f"{path}：应为“签名者: [网点, ...]”的映射（\"*\" 表示任何网点）",
        f"{path}: must map each signer to a list of branches it may sign for "
        "(\"*\" for any branch), e.g. 'inspector-zhang: [SH-001, SH-002]'"))
    try:
        data = parse_mapping(read_text(path, max_bytes=_MAX_KEY_BYTES), path).data
    except BranchcheckError:
        raise bad from None
    found: dict[str, frozenset[str]] = {}
    for signer, branches in data.items():
        if not isinstance(signer, str) or not isinstance(branches, list) or not all(
                isinstance(b, str) for b in branches):
            raise bad
        found[signer] = frozenset(branches)
    return found


def trusted_keys(folder: str | None, lang: str = "en") -> dict[str, str]:
    """Signer names by fingerprint, from the ``*.pub`` files in ``folder`` (read once
    per process while the folder's files stay the same)."""
    if not folder:
        return {}
    try:
        listing = tuple(sorted((p.name, p.stat().st_mtime_ns, p.stat().st_size)
                               for p in Path(folder).glob("*.pub")))
    except OSError:
        listing = ()
    hit = _trusted.get((folder, listing))
    if hit is not None:
        return hit
    found = _read_trusted(folder, lang)
    _trusted[(folder, listing)] = found
    return found


def _read_trusted(folder: str, lang: str) -> dict[str, str]:
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

    if not os.path.isdir(folder):
        raise UsageError(t(lang, f"信任的公钥文件夹 {folder} 不存在",
                           f"trusted keys folder {folder} does not exist"))
    found: dict[str, str] = {}
    for path in sorted(Path(folder).glob("*.pub")):
        data = _read_key_file(str(path), lang, private=False)
        try:
            key = serialization.load_pem_public_key(data)
        except (ValueError, TypeError):
            key = None
        if not isinstance(key, Ed25519PublicKey):
            raise KeyFileError(t(lang, f"{path} 不是 Ed25519 公钥（PEM）",
                              f"{path} is not an Ed25519 public key (PEM)"))
        found[fingerprint(_raw_public(key))] = path.stem
    return found


def check_signature(data: Mapping[str, Any], lang: str = "en") -> tuple[str, str]:
    """The fingerprint of the key that signed ``data``, and a problem ("" if valid)."""
    from cryptography.exceptions import InvalidSignature
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

    block = data.get("signature")
    bad = t(lang, "签名无效：签名后结果被修改过，或签名已损坏",
            "the signature does not match: the result was changed after signing, or the "
            "signature is corrupt")
    if not isinstance(block, Mapping):
        return "", bad
    try:
        public = base64.b64decode(str(block.get("public_key", "")), validate=True)
        value = base64.b64decode(str(block.get("value", "")), validate=True)
        key = Ed25519PublicKey.from_public_bytes(public)
    except (ValueError, binascii.Error):
        return "", bad
    fp = fingerprint(public)
    if block.get("algorithm") != ALGORITHM or block.get("key") != fp:
        return fp, bad
    try:
        key.verify(value, canonical_bytes(data))
    except InvalidSignature:
        return fp, bad
    return fp, ""

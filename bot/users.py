"""Staff accounts for the web page, in SQLite under `settings.data_dir / "web.sqlite"`.

Passwords are hashed with argon2id (argon2-cffi defaults) and re-hashed when those defaults change.
Each account has an `epoch`: a session remembers the epoch it was made with, and changing the
password or removing the account bumps it, so every older session cookie stops working.
"""

from __future__ import annotations

import sqlite3
import unicodedata
from contextlib import closing
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

MIN_PASSWORD = 8
MAX_PASSWORD = 1024
_hasher = PasswordHasher()
# Verified against when the name is unknown, so that a wrong name costs as long as a wrong password.
_DUMMY_HASH = _hasher.hash("not a real password, only for constant time")

_SCHEMA = """
CREATE TABLE IF NOT EXISTS users (
    name TEXT PRIMARY KEY COLLATE NOCASE,
    password_hash TEXT NOT NULL,
    admin INTEGER NOT NULL DEFAULT 0,
    epoch INTEGER NOT NULL DEFAULT 1,
    created_at TEXT NOT NULL
)
"""


@dataclass(frozen=True)
class User:
    name: str
    admin: bool
    epoch: int = 1
    created_at: str = ""


class UserError(ValueError):
    """A bad name or password, or an account that exists / does not exist (English, for operators)."""


def db_path(settings) -> Path:
    return Path(settings.data_dir) / "web.sqlite"


def _connect(settings) -> sqlite3.Connection:
    path = db_path(settings)
    path.parent.mkdir(parents=True, exist_ok=True)
    conn = sqlite3.connect(path, timeout=10)
    conn.execute(_SCHEMA)
    return conn


def clean_name(name: str) -> str:
    """The account name as stored: NFC, trimmed. Raises UserError when it is unusable."""
    name = unicodedata.normalize("NFC", name or "").strip()
    if not 1 <= len(name) <= 64:
        raise UserError("user name must be 1 to 64 characters")
    if any(not (ch.isalnum() or ch in "._-@") for ch in name):
        raise UserError("user name may contain only letters, digits and . _ - @")
    return name


def _check_password(password: str) -> None:
    if len(password or "") < MIN_PASSWORD:
        raise UserError(f"password must be at least {MIN_PASSWORD} characters")
    if len(password) > MAX_PASSWORD:
        raise UserError(f"password must be at most {MAX_PASSWORD} characters")


def _row_user(row) -> User:
    return User(name=row[0], admin=bool(row[1]), epoch=int(row[2]), created_at=row[3])


def add_user(settings, name: str, password: str, admin: bool = False) -> User:
    """Create an account. Raises UserError for a bad name/password or a name already taken."""
    name = clean_name(name)
    _check_password(password)
    now = datetime.now(timezone.utc).isoformat(timespec="seconds")
    with closing(_connect(settings)) as conn, conn:
        try:
            conn.execute("INSERT INTO users (name, password_hash, admin, epoch, created_at) VALUES (?, ?, ?, 1, ?)",
                         (name, _hasher.hash(password), int(admin), now))
        except sqlite3.IntegrityError as exc:
            raise UserError(f"user {name!r} already exists") from exc
    return User(name=name, admin=admin, epoch=1, created_at=now)


def set_password(settings, name: str, password: str) -> None:
    """Change a password and end the account's existing sessions."""
    _check_password(password)
    with closing(_connect(settings)) as conn, conn:
        cur = conn.execute("UPDATE users SET password_hash = ?, epoch = epoch + 1 WHERE name = ?",
                           (_hasher.hash(password), clean_name(name)))
        if cur.rowcount == 0:
            raise UserError(f"no user {name!r}")


def set_admin(settings, name: str, admin: bool) -> None:
    with closing(_connect(settings)) as conn, conn:
        cur = conn.execute("UPDATE users SET admin = ?, epoch = epoch + 1 WHERE name = ?",
                           (int(admin), clean_name(name)))
        if cur.rowcount == 0:
            raise UserError(f"no user {name!r}")


def remove_user(settings, name: str) -> None:
    with closing(_connect(settings)) as conn, conn:
        cur = conn.execute("DELETE FROM users WHERE name = ?", (clean_name(name),))
        if cur.rowcount == 0:
            raise UserError(f"no user {name!r}")


def get_user(settings, name: str) -> User | None:
    """The account called `name` (case-insensitive), or None."""
    try:
        name = clean_name(name)
    except UserError:
        return None
    with closing(_connect(settings)) as conn:
        row = conn.execute("SELECT name, admin, epoch, created_at FROM users WHERE name = ?", (name,)).fetchone()
    return _row_user(row) if row else None


def list_users(settings) -> list[User]:
    with closing(_connect(settings)) as conn:
        rows = conn.execute("SELECT name, admin, epoch, created_at FROM users ORDER BY name").fetchall()
    return [_row_user(r) for r in rows]


def verify(settings, name: str, password: str) -> User | None:
    """The account if `password` is right for `name`, else None. Takes the same time either way."""
    try:
        name = clean_name(name)
    except UserError:
        name = ""
    password = (password or "")[:MAX_PASSWORD]
    with closing(_connect(settings)) as conn:
        row = conn.execute("SELECT name, admin, epoch, created_at, password_hash FROM users WHERE name = ?",
                           (name,)).fetchone() if name else None
        stored = row[4] if row else _DUMMY_HASH
        try:
            _hasher.verify(stored, password)
        except (VerificationError, InvalidHashError):
            return None
        if row is None:
            return None
        if _hasher.check_needs_rehash(stored):
            with conn:
                conn.execute("UPDATE users SET password_hash = ? WHERE name = ?", (_hasher.hash(password), row[0]))
    return _row_user(row)

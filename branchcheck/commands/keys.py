"""``branchcheck keys new``: an Ed25519 key pair for signing results."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from branchcheck.commands.options import UiLangOption
from branchcheck.core.errors import EXIT_OK

app = typer.Typer(
    help="Signing keys: make an Ed25519 key pair (docs/integrity.md).",
    rich_markup_mode=None,
    no_args_is_help=True,
    context_settings={"help_option_names": ["-h", "--help"]},
)


@app.command("new")
def new(
    folder: Annotated[str | None, typer.Option(
        "--dir", "-d", metavar="DIR", show_default=False,
        help="Folder for <name>.key (private, mode 0600) and <name>.pub.")] = None,
    out: Annotated[str | None, typer.Option(
        "--out", metavar="DIR", hidden=True,
        help="The old name of --dir (-o names a file elsewhere).")] = None,
    name: Annotated[str, typer.Option(
        "--name", metavar="NAME",
        help="File name of the pair; head office sees it as the signer.")] = "signing",
    lang: UiLangOption = None,
) -> int:
    """Make a key pair: NAME.key signs results (run/score --sign-key), NAME.pub goes to
    head office, who put it in the folder they pass to 'verify --trust'.

    Prints the key's fingerprint on stdout. Never overwrites a key. Exit 0 or 2.
    """
    from branchcheck.core.i18n import resolve_lang, t
    from branchcheck.core.textsafe import term
    from branchcheck.integrity.signing import new_pair

    ui = resolve_lang(lang)
    if (folder or out) is None or (folder and out):
        from branchcheck.core.errors import UsageError

        raise UsageError(t(ui, "请用 --dir DIR 指定存放密钥的文件夹（只给一次）",
                           "give the folder for the key pair with --dir DIR (once)"))
    key, pub, fingerprint = new_pair(Path(folder or out or ""), name, ui)
    sys.stderr.write(t(
        ui, f"私钥：{term(str(key))}（权限 0600，请保密，只用于 --sign-key）\n"
            f"公钥：{term(str(pub))}（交给总行，放入其 --trust 文件夹）\n",
        f"Private key: {term(str(key))} (mode 0600; keep it secret, use it with --sign-key)\n"
        f"Public key: {term(str(pub))} (give it to head office for their --trust folder)\n"))
    folder = term(str(pub.parent))
    sys.stderr.write(t(
        ui, f"本网点核验自己签名的结果：branchcheck verify --branch <网点> --trust {folder}"
            "（或设置 $BRANCHCHECK_TRUST）；不加时 verify 会报“签名密钥未受信任”，"
            "这与“被改动”不同\n",
        f"To verify your own signed results here: branchcheck verify --branch <ID> --trust "
        f"{folder} (or set $BRANCHCHECK_TRUST); without it verify reports \"signed by an "
        "untrusted key\", which is not the same as tampered\n"))
    sys.stdout.write(f"{fingerprint}\n")
    sys.stdout.flush()
    return EXIT_OK

#!/usr/bin/python3
"""An SMTP server for the mail tests (tests/server/tst_MailDelivery.cpp), on Debian's aiosmtpd.

    smtp_sink.py --folder DIR [--port N] [options]   serve; prints "listening PORT" when ready
    smtp_sink.py --parse FILE.eml                    print a message parsed, as JSON

Each message received becomes DIR/NNNN.eml (the bytes as they arrived) and DIR/NNNN.json
(written last): the envelope and the message as Python's email package reads it, which is
what the tests check (an independent MIME parser, not ours):
    {"mail_from", "rcpt_tos", "headers": [[name, decoded value], ...], "raw_headers": {...},
     "content_type", "parts": [{"content_type", "charset", "transfer_encoding", "body"}],
     "defects": [...], "longest_line": N}

Options that make it misbehave on purpose, by recipient address (a Python regex):
    --temp-fail RE [--temp-fail-times N]  451 to RCPT TO (the first N times per address; 0: always)
    --perm-fail RE                        550 to RCPT TO
    --drop-after-data RE                  keep the message, then close the connection without
                                          answering the end of the data
    --auth USER:PASS                      require AUTH (PLAIN/LOGIN, allowed without TLS)
    --tls-cert F --tls-key F              offer STARTTLS with this certificate
    --require-starttls                    refuse mail until STARTTLS
"""

import argparse
import asyncio
import email
import email.policy
import json
import os
import re
import ssl
import sys

from aiosmtpd.smtp import SMTP, AuthResult


def parse_message(raw: bytes) -> dict:
    msg = email.message_from_bytes(raw, policy=email.policy.default)
    parts = []
    defects = [repr(d) for d in msg.defects]
    for part in (msg.iter_parts() if msg.is_multipart() else [msg]):
        defects += [repr(d) for d in part.defects]
        parts.append({
            "content_type": part.get_content_type(),
            "charset": part.get_content_charset(),
            "transfer_encoding": part.get("Content-Transfer-Encoding", ""),
            "body": part.get_content().replace("\r\n", "\n"),
        })
    raw_headers = {}
    head = raw.split(b"\r\n\r\n", 1)[0].decode("ascii", "replace")
    for line in re.split(r"\r\n(?![ \t])", head):
        name, _, value = line.partition(":")
        raw_headers[name] = value.strip()
    return {
        "headers": [[name, str(value)] for name, value in msg.items()],
        "raw_headers": raw_headers,
        "content_type": msg.get_content_type(),
        "parts": parts,
        "defects": defects,
        "longest_line": max(len(line) for line in raw.split(b"\r\n")),
        "bare_lf": b"\n" in raw.replace(b"\r\n", b""),
    }


class Sink:
    def __init__(self, args):
        self.args = args
        self.count = 0
        self.temp_failed = {}

    def matches(self, pattern, address):
        return pattern is not None and re.search(pattern, address) is not None

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if self.matches(self.args.perm_fail, address):
            return f"550 5.1.1 <{address}>: Recipient address rejected: no such mailbox here"
        if self.matches(self.args.temp_fail, address):
            n = self.temp_failed.get(address, 0)
            if self.args.temp_fail_times == 0 or n < self.args.temp_fail_times:
                self.temp_failed[address] = n + 1
                return f"451 4.7.1 <{address}>: Greylisted, please try again later"
        envelope.rcpt_tos.append(address)
        return "250 2.1.5 OK"

    async def handle_DATA(self, server, session, envelope):
        raw = envelope.original_content
        self.count += 1
        base = os.path.join(self.args.folder, f"{self.count:04d}")
        with open(base + ".eml", "wb") as f:
            f.write(raw)
        record = parse_message(raw)
        record["mail_from"] = envelope.mail_from
        record["rcpt_tos"] = envelope.rcpt_tos
        record["tls"] = session.ssl is not None
        record["authenticated"] = bool(session.authenticated)
        with open(base + ".json.tmp", "w", encoding="utf-8") as f:
            json.dump(record, f, ensure_ascii=False, indent=1)
        os.rename(base + ".json.tmp", base + ".json")
        if any(self.matches(self.args.drop_after_data, r) for r in envelope.rcpt_tos):
            server.transport.abort()
        return "250 2.0.0 Ok: queued as sink-%04d" % self.count


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--parse")
    p.add_argument("--folder")
    p.add_argument("--host", default="127.0.0.1")
    p.add_argument("--port", type=int, default=0)
    p.add_argument("--temp-fail")
    p.add_argument("--temp-fail-times", type=int, default=0)
    p.add_argument("--perm-fail")
    p.add_argument("--drop-after-data")
    p.add_argument("--auth")
    p.add_argument("--tls-cert")
    p.add_argument("--tls-key")
    p.add_argument("--require-starttls", action="store_true")
    args = p.parse_args()

    if args.parse:
        with open(args.parse, "rb") as f:
            parsed = parse_message(f.read())
        sys.stdout.buffer.write(json.dumps(parsed, ensure_ascii=False, indent=1).encode("utf-8"))
        return
    if not args.folder:
        p.error("--folder is required")
    os.makedirs(args.folder, exist_ok=True)

    kwargs = {"hostname": "sink.test", "auth_require_tls": False}
    if args.auth:
        user, _, password = args.auth.partition(":")

        def authenticator(server, session, envelope, mechanism, auth_data):
            ok = auth_data.login == user.encode() and auth_data.password == password.encode()
            return AuthResult(success=ok, handled=False)  # handled=False: aiosmtpd answers 535

        kwargs.update(authenticator=authenticator, auth_required=True)
    if args.tls_cert:
        context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        context.load_cert_chain(args.tls_cert, args.tls_key)
        kwargs.update(tls_context=context, require_starttls=args.require_starttls)

    sink = Sink(args)
    loop = asyncio.new_event_loop()
    server = loop.run_until_complete(
        loop.create_server(lambda: SMTP(sink, **kwargs), host=args.host, port=args.port))
    print("listening", server.sockets[0].getsockname()[1], flush=True)
    try:
        loop.run_forever()
    finally:
        server.close()


if __name__ == "__main__":
    main()

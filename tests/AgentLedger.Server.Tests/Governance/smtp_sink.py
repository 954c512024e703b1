# A real SMTP server on loopback for the e-mail alert tests: aiosmtpd (Debian python3-aiosmtpd) accepting every
# message and writing each, as received, to <folder>/<uuid>.eml (atomically, via a rename).
# Usage: python3 smtp_sink.py <folder> <port>; prints "ready" once listening; stops when stdin closes.
import os
import sys
import uuid

from aiosmtpd.controller import Controller


class Sink:
    def __init__(self, folder):
        self.folder = folder

    async def handle_DATA(self, server, session, envelope):
        name = os.path.join(self.folder, uuid.uuid4().hex)
        with open(name + ".tmp", "wb") as f:
            f.write(("X-Envelope-To: " + ",".join(envelope.rcpt_tos) + "\r\n").encode())
            f.write(envelope.original_content or envelope.content)
        os.replace(name + ".tmp", name + ".eml")
        return "250 OK"


controller = Controller(Sink(sys.argv[1]), hostname="127.0.0.1", port=int(sys.argv[2]))
controller.start()
print("ready", flush=True)
sys.stdin.read()
controller.stop()

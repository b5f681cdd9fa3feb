#!/usr/bin/python3
"""A ZeroMQ client the systemd tests run inside the namespace.

    client.py status REPLAY                 prints the STATUS reply's JSON
    client.py next EVENTS                   prints "subscribed" once a heartbeat came
                                            through, then the next event's
                                            "SEQUENCE SOURCE", and exits
"""
import json
import struct
import sys
import time

import zmq

ctx = zmq.Context()


def status(endpoint):
    s = ctx.socket(zmq.DEALER)
    s.setsockopt(zmq.LINGER, 0)
    s.setsockopt(zmq.RCVTIMEO, 20000)
    s.connect(endpoint)
    s.send_multipart([b"STATUS", b"s"])
    print(s.recv_multipart()[2].decode())


def next_event(endpoint):
    s = ctx.socket(zmq.SUB)
    s.setsockopt(zmq.LINGER, 0)
    s.setsockopt(zmq.SUBSCRIBE, b"")
    s.connect(endpoint)
    deadline = time.monotonic() + 30
    subscribed = False
    while time.monotonic() < deadline:
        if not s.poll(200):
            continue
        topic, head, body = s.recv_multipart()
        if topic == b"hb" and not subscribed:
            print("subscribed", flush=True)
            subscribed = True
        elif topic.startswith(b"ev.") and subscribed:
            print(struct.unpack(">QQ", head)[1], json.loads(body)["source"], flush=True)
            return 0
    return 1


if __name__ == "__main__":
    sys.exit(status(sys.argv[2]) if sys.argv[1] == "status" else next_event(sys.argv[2]))

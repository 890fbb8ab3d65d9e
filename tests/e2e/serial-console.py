#!/usr/bin/python3
"""serial-console.py URL SEND EXPECT [SECONDS]

Connects to a remote serial console URL as `openstack console url show --serial` prints it
(ws://HOST:PORT/?token=...), the way novaconsole and Nova's serial proxy clients do (websocket,
"binary" subprotocol, raw bytes both ways). Types SEND followed by a carriage return and waits
until the guest's output contains EXPECT.

Exit status: 0 EXPECT seen, 1 connected but EXPECT never came, 2 the proxy refused the connection.
"""
import sys
import time

import websocket  # python3-websocket (websocket-client)


def main():
    url, send, expect = sys.argv[1], sys.argv[2], sys.argv[3]
    seconds = float(sys.argv[4]) if len(sys.argv) > 4 else 30
    try:
        ws = websocket.create_connection(url, subprotocols=["binary"], timeout=5)
    except (websocket.WebSocketException, OSError) as e:
        print(f"refused: {e}")
        return 2
    seen = b""
    deadline = time.monotonic() + seconds
    ws.send_binary(send.encode() + b"\r")
    try:
        while time.monotonic() < deadline:
            try:
                frame = ws.recv()
            except websocket.WebSocketTimeoutException:
                ws.send_binary(b"\r")  # a fresh prompt, in case the shell was still starting
                continue
            except websocket.WebSocketConnectionClosedException:
                print(f"closed by the proxy after {len(seen)} bytes")
                return 2 if not seen else 1
            seen += frame if isinstance(frame, bytes) else frame.encode()
            if expect.encode() in seen:
                print(f"seen {expect!r} after {len(seen)} bytes")
                return 0
    finally:
        ws.close()
    print(f"never saw {expect!r}; got: {seen[-300:]!r}")
    return 1


if __name__ == "__main__":
    sys.exit(main())

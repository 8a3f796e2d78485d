#!/usr/bin/env python3
"""How fast the lab's page answers a step: POST /command round trips, and the time until the pictures
(sequence diagram, timelines, latency chart) of that step arrive on the page's event stream.

Usage: start a lab, then point this at it (127.0.0.1 only; it sends a bounded number of requests):
  java -jar scenarios/target/semisync-sim.jar lab --replicas 3 --speed instant --port 8123 &
  python3 docs/bench/lab-step-latency.py http://127.0.0.1:8123 [ROUNDS]
"""
import json
import statistics
import sys
import threading
import time
import urllib.request

base = sys.argv[1].rstrip('/')
rounds = int(sys.argv[2]) if len(sys.argv) > 2 else 50
assert base.startswith('http://127.0.0.1:') or base.startswith('http://localhost:'), 'loopback only'
page = urllib.request.urlopen(base + '/').read().decode()
token = page.split('data-token="')[1].split('"')[0]

pictures = []
lock = threading.Condition()


def listen():
    with urllib.request.urlopen(base + '/events?token=' + token) as stream:
        kind = None
        for raw in stream:
            line = raw.decode().rstrip('\n')
            if line.startswith('event: '):
                kind = line[7:]
            elif line.startswith('data: ') and kind == 'pictures':
                with lock:
                    pictures.append(time.perf_counter())
                    lock.notify_all()


threading.Thread(target=listen, daemon=True).start()
time.sleep(1)


def command(line, node='source'):
    req = urllib.request.Request(base + '/command', data=json.dumps({'line': line, 'node': node}).encode(),
                                 headers={'Content-Type': 'application/json', 'X-Lab-Token': token})
    with lock:
        seen = len(pictures)
    start = time.perf_counter()
    reply = json.loads(urllib.request.urlopen(req).read())
    answered = time.perf_counter()
    with lock:
        lock.wait_for(lambda: len(pictures) > seen, timeout=10)
        drawn = pictures[seen] if len(pictures) > seen else float('nan')
    assert reply['ok'], reply
    return (answered - start) * 1000, (drawn - start) * 1000


setup = ["INSTALL PLUGIN rpl_semi_sync_source SONAME 'semisync_source.so'; SET GLOBAL rpl_semi_sync_source_enabled = 1;"]
for r in ('replica1', 'replica2', 'replica3'):
    command("INSTALL PLUGIN rpl_semi_sync_replica SONAME 'semisync_replica.so'; "
            "SET GLOBAL rpl_semi_sync_replica_enabled = 1; STOP REPLICA IO_THREAD; START REPLICA IO_THREAD;", r)
for line in setup + ['\\quiet']:
    command(line)

steps = {
    'SELECT 1;': 'SELECT 1;',
    '\\commit (semisync, 3 replicas)': '\\commit 1',
    "SHOW GLOBAL STATUS LIKE 'Rpl_semi_sync_source%';": "SHOW GLOBAL STATUS LIKE 'Rpl_semi_sync_source%';",
    '\\sleep 100ms': '\\sleep 100ms',
    '\\event (next event)': '\\event',
}
print(f'{rounds} rounds of each step after set-up; milliseconds: median / p95 / max')
print(f'{"step":52s} {"reply":>22s} {"pictures drawn":>24s}')
for name, line in steps.items():
    replies, drawn = [], []
    for _ in range(rounds):
        a, d = command(line)
        replies.append(a)
        drawn.append(d)

    def fmt(xs):
        xs = sorted(xs)
        return f'{statistics.median(xs):6.1f} / {xs[int(len(xs) * 0.95) - 1]:6.1f} / {xs[-1]:6.1f}'
    print(f'{name:52s} {fmt(replies):>22s} {fmt(drawn):>24s}')
state = json.loads(urllib.request.urlopen(base + '/state?token=' + token).read())['state']
print(f'at the end: {state["events"]} trace events, {state["commits"]} commits, {state["steps"]} steps, '
      f'virtual time {state["now"] / 1e6:.3f} s')

#!/usr/bin/env python3
"""Create N servers concurrently through the Nova API and time each from its POST to ACTIVE,
then delete them all concurrently and time until they are gone; or, with --check, verify that
every server is in a true state and that Placement holds exactly what the servers use.

Talks plain HTTP (urllib) with a Keystone token from OS_* variables; the compute and placement
endpoints come from the catalog. Prints RESULT lines and writes JSON to --out.
"""
import argparse
import json
import os
import statistics
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from concurrent.futures import ThreadPoolExecutor

MICROVERSION = "2.79"


def call(method, url, token=None, body=None, headers=None, expect=(200, 201, 202, 204)):
    data = None if body is None else json.dumps(body).encode()
    req = urllib.request.Request(url, data=data, method=method)
    req.add_header("Content-Type", "application/json")
    req.add_header("Accept", "application/json")
    if token:
        req.add_header("X-Auth-Token", token)
    for k, v in (headers or {}).items():
        req.add_header(k, v)
    try:
        with urllib.request.urlopen(req, timeout=60) as r:
            raw = r.read()
            return r.status, dict(r.headers), (json.loads(raw) if raw else None)
    except urllib.error.HTTPError as e:
        raw = e.read()
        if e.code in expect:
            return e.code, dict(e.headers), (json.loads(raw) if raw else None)
        raise RuntimeError(f"{method} {url} -> {e.code}: {raw[:300]!r}")


def login():
    auth = {"auth": {"identity": {"methods": ["password"], "password": {"user": {
        "name": os.environ["OS_USERNAME"], "domain": {"name": os.environ.get("OS_USER_DOMAIN_NAME", "Default")},
        "password": os.environ["OS_PASSWORD"]}}},
        "scope": {"project": {"name": os.environ["OS_PROJECT_NAME"],
                              "domain": {"name": os.environ.get("OS_PROJECT_DOMAIN_NAME", "Default")}}}}}
    _, headers, body = call("POST", os.environ["OS_AUTH_URL"].rstrip("/") + "/auth/tokens", body=auth)
    token = headers.get("X-Subject-Token") or headers.get("x-subject-token")
    urls = {}
    for svc in body["token"]["catalog"]:
        for ep in svc["endpoints"]:
            if ep["interface"] == "public":
                urls[svc["type"]] = ep["url"].rstrip("/")
    return token, urls, body["token"]["project"]["id"]


class Cloud:
    def __init__(self):
        self.token, self.urls, self.project = login()
        self.nova = self.urls["compute"]
        self.hdr = {"OpenStack-API-Version": "compute " + MICROVERSION}

    def compute(self, method, path, body=None, expect=(200, 201, 202, 204)):
        return call(method, self.nova + path, self.token, body, self.hdr, expect)

    def placement(self, path):
        return call("GET", self.urls["placement"] + path, self.token,
                    headers={"OpenStack-API-Version": "placement 1.28"})[2]

    def servers(self, prefix):
        _, _, body = self.compute("GET", "/servers/detail?limit=1000&name=" + urllib.parse.quote("^" + prefix))
        return {s["id"]: s for s in body["servers"]}

    def ids(self, prefix, status):
        """Ids only (the short list view): cheap enough to poll often without loading the server."""
        _, _, body = self.compute("GET", "/servers?limit=1000&status=" + status + "&name="
                                  + urllib.parse.quote("^" + prefix))
        return [s["id"] for s in body["servers"]]


def prepare(cloud, args):
    """Flavor, image, network and unlimited quotas for the run (idempotent)."""
    pid = cloud.project
    cloud.compute("PUT", f"/os-quota-sets/{pid}", {"quota_set": {"instances": -1, "cores": -1, "ram": -1}})
    code, _, _ = cloud.compute("GET", "/flavors/bench.tiny", expect=(200, 404))
    if code == 404:
        cloud.compute("POST", "/flavors", {"flavor": {"name": "bench.tiny", "id": "bench.tiny", "ram": 64,
                                                      "vcpus": 1, "disk": 1}})
    glance = cloud.urls["image"]
    _, _, imgs = call("GET", glance + "/v2/images?name=bench-image", cloud.token)
    if imgs["images"]:
        image = imgs["images"][0]["id"]
    else:
        _, _, img = call("POST", glance + "/v2/images", cloud.token,
                         {"name": "bench-image", "disk_format": "raw", "container_format": "bare"})
        image = img["id"]
        req = urllib.request.Request(glance + f"/v2/images/{image}/file", data=b"\0" * 65536, method="PUT")
        req.add_header("X-Auth-Token", cloud.token)
        req.add_header("Content-Type", "application/octet-stream")
        urllib.request.urlopen(req, timeout=60).read()
    neutron = cloud.urls["network"]
    _, _, nets = call("GET", neutron + "/v2.0/networks?name=bench-net", cloud.token)
    if nets["networks"]:
        net = nets["networks"][0]["id"]
    else:
        _, _, n = call("POST", neutron + "/v2.0/networks", cloud.token, {"network": {"name": "bench-net"}})
        net = n["network"]["id"]
        call("POST", neutron + "/v2.0/subnets", cloud.token, {"subnet": {
            "network_id": net, "ip_version": 4, "cidr": "10.123.0.0/20", "name": "bench-subnet"}})
    return image, net


def create_all(cloud, args, image, net):
    created, errors = {}, []
    lock = threading.Lock()
    start = time.monotonic()

    def one(i):
        t0 = time.monotonic()
        body = {"server": {"name": f"{args.prefix}-{i:04d}", "imageRef": image, "flavorRef": "bench.tiny",
                           "networks": "none" if args.no_network else [{"uuid": net}]}}
        try:
            _, _, r = cloud.compute("POST", "/servers", body)
            with lock:
                created[r["server"]["id"]] = t0
        except Exception as e:  # noqa: BLE001 - reported, not hidden
            with lock:
                errors.append(str(e))

    active = {}
    failed = {}
    done = threading.Event()

    def poll():
        while not done.is_set():
            now = time.monotonic()
            for sid in cloud.ids(args.prefix, "ACTIVE"):
                active.setdefault(sid, now)
            for sid in cloud.ids(args.prefix, "ERROR"):
                failed.setdefault(sid, "ERROR")
            time.sleep(args.poll)

    poller = threading.Thread(target=poll, daemon=True)
    poller.start()
    with ThreadPoolExecutor(max_workers=args.concurrency) as pool:
        list(pool.map(one, range(args.count)))
    deadline = time.monotonic() + args.timeout
    while len(active) + len(failed) < len(created) and time.monotonic() < deadline:
        time.sleep(0.05)
    done.set()
    poller.join()
    total = time.monotonic() - start
    lat = sorted((active[s] - created[s]) * 1000 for s in active if s in created)
    return created, active, failed, errors, lat, total


def delete_all(cloud, args, ids):
    start = time.monotonic()
    with ThreadPoolExecutor(max_workers=args.concurrency) as pool:
        list(pool.map(lambda sid: cloud.compute("DELETE", f"/servers/{sid}", expect=(204, 404)), ids))
    deadline = time.monotonic() + args.timeout
    left = set(ids)
    while left and time.monotonic() < deadline:
        left &= set(cloud.servers(args.prefix))
        time.sleep(args.poll)
    return time.monotonic() - start, left


def pct(values, p):
    if not values:
        return float("nan")
    k = max(0, min(len(values) - 1, int(round(p / 100.0 * len(values) + 0.5)) - 1))
    return values[k]


def check(cloud, args):
    """Every server ACTIVE or ERROR with no task; Placement allocations equal the servers' flavors."""
    servers = cloud.servers(args.prefix)
    bad = [f"{s['name']} {s['status']}/{s.get('OS-EXT-STS:task_state')}" for s in servers.values()
           if s["status"] not in ("ACTIVE", "ERROR") or s.get("OS-EXT-STS:task_state")]
    alloc_bad = []
    for sid, s in servers.items():
        allocs = cloud.placement(f"/allocations/{sid}")["allocations"]
        held = {}
        for rp in allocs.values():
            for rc, n in rp["resources"].items():
                held[rc] = held.get(rc, 0) + n
        want = {} if s["status"] == "ERROR" else {"VCPU": 1, "MEMORY_MB": 64, "DISK_GB": 1}
        if held != want:
            alloc_bad.append(f"{s['name']} {s['status']}: holds {held}, uses {want}")
    usage_total = {}
    for rp in cloud.placement("/resource_providers")["resource_providers"]:
        for rc, n in cloud.placement(f"/resource_providers/{rp['uuid']}/usages")["usages"].items():
            usage_total[rc] = usage_total.get(rc, 0) + n
    active = sum(1 for s in servers.values() if s["status"] == "ACTIVE")
    result = {"servers": len(servers), "active": active,
              "error": sum(1 for s in servers.values() if s["status"] == "ERROR"),
              "not_settled": bad, "allocation_mismatches": alloc_bad, "placement_usage": usage_total,
              "expected_usage": {"VCPU": active, "MEMORY_MB": 64 * active, "DISK_GB": active}}
    ok = not bad and not alloc_bad and all(usage_total.get(k, 0) == v for k, v in result["expected_usage"].items())
    result["ok"] = ok
    return result


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--count", type=int, default=100)
    ap.add_argument("--concurrency", type=int, default=100)
    ap.add_argument("--prefix", default="bench")
    ap.add_argument("--poll", type=float, default=0.05)
    ap.add_argument("--timeout", type=float, default=300)
    ap.add_argument("--no-network", action="store_true", help="networks: none (no Neutron ports)")
    ap.add_argument("--create-only", action="store_true", help="do not delete (the kill test restarts first)")
    ap.add_argument("--check", action="store_true", help="only verify states and allocations")
    ap.add_argument("--out", default="-")
    args = ap.parse_args()
    cloud = Cloud()
    if args.check:
        res = check(cloud, args)
        print(json.dumps(res, indent=1))
        return 0 if res["ok"] else 1
    image, net = prepare(cloud, args)
    created, active, failed, errors, lat, total = create_all(cloud, args, image, net)
    res = {"count": args.count, "concurrency": args.concurrency, "network": not args.no_network,
           "created": len(created), "active": len(active), "failed": len(failed), "create_errors": errors[:5],
           "to_active_ms": {"p50": pct(lat, 50), "p90": pct(lat, 90), "p99": pct(lat, 99),
                            "max": lat[-1] if lat else None,
                            "mean": statistics.mean(lat) if lat else None},
           "create_total_s": total}
    print(f"RESULT create count={len(created)} active={len(active)} error={len(failed)} "
          f"p50={pct(lat, 50):.0f}ms p99={pct(lat, 99):.0f}ms total={total:.2f}s", flush=True)
    if not args.create_only:
        dt, left = delete_all(cloud, args, list(created))
        res["delete_total_s"] = dt
        res["left_after_delete"] = len(left)
        print(f"RESULT delete count={len(created)} total={dt:.2f}s left={len(left)}", flush=True)
    text = json.dumps(res, indent=1)
    if args.out == "-":
        print(text)
    else:
        with open(args.out, "w") as f:
            f.write(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())

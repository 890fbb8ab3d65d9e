#!/usr/bin/python3
"""Placement load benchmark in the manner of upstream's perfload gate job, for any Placement.

One run against one Placement URL: create a provider population with concurrent writers, time
GET /allocation_candidates queries, write allocations, time the queries again, measure
concurrent query throughput and the server's memory, then delete everything it created.

  bench/placement/perfload.py --url http://127.0.0.1:8778 --scenario flat --count 1000
  bench/placement/perfload.py --url ... --scenario nested --count 1000   # 1000 trees of 7

Token: PLACEMENT_TOKEN, else issued from OS_AUTH_URL/OS_USERNAME/OS_PASSWORD/OS_PROJECT_NAME.
Prints "RESULT <name> <json>" lines and writes the whole result as JSON (--out).
Stdlib only; run it with /usr/bin/python3. See bench/placement/README.md.
"""
import argparse
import concurrent.futures as cf
import http.client
import json
import os
import statistics
import subprocess
import sys
import threading
import time
import urllib.parse
import uuid

AGGS = ["14a5c8a3-5a99-4e8f-88be-00d85fcb1c17", "5d1c4d1e-0c0e-4d8a-9a29-3a0c0b0b6c01",
        "9e0a2c59-2f8c-4a5d-8b7e-0a1d6e0c9f02"]
TRAIT = "HW_CPU_X86_AVX2"
TRAIT_POOL = ["HW_CPU_X86_AVX2", "HW_CPU_X86_SSE42", "STORAGE_DISK_SSD", "HW_CPU_X86_AVX512F"]
BASIC = "resources=VCPU:1,MEMORY_MB:1024,DISK_GB:10"
# The gate job's query (placement gate/perfload-runner.sh) and its neighbours.
QUERIES = {
    "basic": BASIC,
    "basic_limit10": BASIC + "&limit=10",
    "basic_required_trait": BASIC + "&required=" + TRAIT,
    "gate_perfload": f"resources=VCPU:1,DISK_GB:10,MEMORY_MB:256&member_of={AGGS[0]}&required={TRAIT}",
}
# Nested trees: the compute node holds the disk; two NUMA nodes hold CPU and memory, each with
# two PFs of VFs on physnet 0 and 1. A granular query asks for a NUMA node and a VF on physnet 0.
NESTED_QUERIES = dict(QUERIES, granular_numa_vf=(
    "resources=DISK_GB:10&resources_CPU=VCPU:1,MEMORY_MB:1024&resources_NET=SRIOV_NET_VF:1"
    "&required_NET=CUSTOM_PHYSNET0&same_subtree=_CPU,_NET&group_policy=none"))


class Client:
    """One HTTP connection per thread; reconnects when the server closes (uwsgi always does)."""

    def __init__(self, url, token, microversion):
        self.u = urllib.parse.urlsplit(url)
        self.prefix = self.u.path.rstrip("/")
        self.headers = {"Accept": "application/json", "X-Auth-Token": token,
                        "OpenStack-API-Version": "placement " + microversion}
        self.local = threading.local()

    def _conn(self):
        c = getattr(self.local, "c", None)
        if c is None:
            cls = http.client.HTTPSConnection if self.u.scheme == "https" else http.client.HTTPConnection
            c = self.local.c = cls(self.u.hostname, self.u.port, timeout=600)
        return c

    def call(self, method, path, body=None):
        """(status, raw body bytes, seconds until the last byte arrived); never raises on HTTP errors."""
        headers = dict(self.headers)
        data = None
        if body is not None:
            headers["Content-Type"] = "application/json"
            data = json.dumps(body)
        for attempt in range(3):
            c = self._conn()
            try:
                t0 = time.perf_counter()
                c.request(method, self.prefix + path, body=data, headers=headers)
                r = c.getresponse()
                raw = r.read()
                dt = time.perf_counter() - t0
                if (r.getheader("connection") or "").lower() == "close":
                    c.close()
                    self.local.c = None
                return r.status, raw, dt
            except (http.client.HTTPException, OSError):
                c.close()
                self.local.c = None
                if attempt == 2:
                    return 0, b"", 0.0
        return 0, b"", 0.0

    def json(self, method, path, body=None):
        st, raw, dt = self.call(method, path, body)
        try:
            return st, (json.loads(raw) if raw else None), dt
        except ValueError:
            return st, None, dt


def issue_token():
    if os.environ.get("PLACEMENT_TOKEN"):
        return os.environ["PLACEMENT_TOKEN"]
    au = urllib.parse.urlsplit(os.environ["OS_AUTH_URL"].rstrip("/"))
    path = au.path if au.path.endswith("/v3") else au.path + "/v3"
    domain = {"name": os.environ.get("OS_USER_DOMAIN_NAME", "Default")}
    body = {"auth": {"identity": {"methods": ["password"], "password": {"user": {
        "name": os.environ.get("OS_USERNAME", "admin"), "domain": domain,
        "password": os.environ.get("OS_PASSWORD", "admin")}}},
        "scope": {"project": {"name": os.environ.get("OS_PROJECT_NAME", "admin"),
                              "domain": {"name": os.environ.get("OS_PROJECT_DOMAIN_NAME", "Default")}}}}}
    c = http.client.HTTPConnection(au.hostname, au.port, timeout=300)
    c.request("POST", path + "/auth/tokens", json.dumps(body), {"Content-Type": "application/json"})
    r = c.getresponse()
    r.read()
    if r.status != 201:
        sys.exit(f"token issue failed: HTTP {r.status}")
    return r.getheader("X-Subject-Token")


class Writes:
    """Counts every write attempt and every failed one (any answer but the expected 2xx, or none)."""

    def __init__(self):
        self.lock = threading.Lock()
        self.total = 0
        self.failed = 0
        self.gave_up = 0
        self.samples = []

    def record(self, ok, what, status):
        with self.lock:
            self.total += 1
            if not ok:
                self.failed += 1
                if len(self.samples) < 10:
                    self.samples.append(f"{what}: HTTP {status}")


def write(cl, writes, method, path, body, ok, what, rid=None):
    """One write, retried while the server fails it (5xx or no answer) as a client would;
    every failed attempt is counted. On a 409 for a provider update the generation moved (or a
    failed attempt did commit after all): refresh it and try again. A 409 for a retried create
    is left to the caller (the first attempt committed). Returns (status, parsed body)."""
    st, b = 0, None
    for attempt in range(15):
        st, b, _ = cl.json(method, path, body)
        good = st in ok
        writes.record(good, what, st)
        if good:
            return st, b
        if st == 409 and rid and "resource_provider_generation" in body:
            gst, gb, _ = cl.json("GET", f"/resource_providers/{rid}")
            if gst == 200:
                body["resource_provider_generation"] = gb["generation"]
                continue
        if st == 409 and attempt > 0 and not rid:
            return st, b
        if st and st < 500:
            break
        time.sleep(0.1 * (attempt + 1))
    with writes.lock:
        writes.gave_up += 1
        if len(writes.samples) < 20:
            writes.samples.append(f"gave up: {what}: HTTP {st}")
    return st, b


def make_provider(cl, writes, name, parent=None, inventory=None, aggregates=None, traits=None):
    """POST the provider, then PUT its inventory, aggregates and traits, as placeload does."""
    rid = str(uuid.uuid4())
    body = {"uuid": rid, "name": name}
    if parent:
        body["parent_provider_uuid"] = parent
    st, b = write(cl, writes, "POST", "/resource_providers", body, (200, 201), "create " + name)
    if st == 409:
        # A retried create whose first attempt did commit after all.
        st, b, _ = cl.json("GET", f"/resource_providers/{rid}")
    if st not in (200, 201):
        return None
    gen = b["generation"] if b else 0
    steps = [("inventories", inventory and {"inventories": inventory}),
             ("aggregates", aggregates and {"aggregates": aggregates}),
             ("traits", traits and {"traits": traits})]
    for what, payload in steps:
        if not payload:
            continue
        payload["resource_provider_generation"] = gen
        st, b = write(cl, writes, "PUT", f"/resource_providers/{rid}/{what}", payload, (200,), f"{what} {name}",
                      rid)
        if st != 200:
            break
        gen = b["resource_provider_generation"]
    return rid


def root_traits(i):
    return [TRAIT_POOL[(i // 2) % 4]] if i % 2 else [TRAIT, TRAIT_POOL[1 + i % 3]]


def make_unit(cl, writes, scenario, i, run):
    """One flat provider, or one tree of 7 (compute, 2 NUMA nodes, 4 PFs); returns uuids, parents first."""
    name = f"perf-{run}-{i:05d}"
    if scenario == "flat":
        inv = {"VCPU": {"total": 32}, "MEMORY_MB": {"total": 131072}, "DISK_GB": {"total": 2000}}
        rid = make_provider(cl, writes, name, None, inv, [AGGS[i % 3]], root_traits(i))
        return [rid] if rid else []
    made = []
    root = make_provider(cl, writes, name, None, {"DISK_GB": {"total": 2000}}, [AGGS[i % 3]], root_traits(i))
    if not root:
        return made
    made.append(root)
    for n in range(2):
        numa = make_provider(cl, writes, f"{name}-numa{n}", root,
                             {"VCPU": {"total": 16}, "MEMORY_MB": {"total": 65536}}, None, ["HW_NUMA_ROOT"])
        if not numa:
            continue
        made.append(numa)
        for k in range(2):
            pf = make_provider(cl, writes, f"{name}-numa{n}-pf{k}", numa, {"SRIOV_NET_VF": {"total": 8}}, None,
                               [f"CUSTOM_PHYSNET{k}"])
            if pf:
                made.append(pf)
    return made


def ensure_custom_traits(cl):
    for t in ("CUSTOM_PHYSNET0", "CUSTOM_PHYSNET1"):
        cl.call("PUT", "/traits/" + t)


def ms(seconds):
    return round(seconds * 1000, 2)


def time_queries(cl, queries, repeat, label):
    out = {}
    for name, q in queries.items():
        times, n, size, bad = [], None, 0, 0
        for _ in range(repeat):
            st, raw, dt = cl.call("GET", "/allocation_candidates?" + q)
            times.append(dt)
            size = len(raw)
            if st == 200:
                n = len(json.loads(raw)["allocation_requests"])
            else:
                bad += 1
        out[name] = {"median_ms": ms(statistics.median(times)), "min_ms": ms(min(times)),
                     "max_ms": ms(max(times)), "candidates": n, "bytes": size, "non_200": bad}
        print(f"RESULT candidates_{label}_{name} {json.dumps(out[name])}", flush=True)
    return out


def write_allocations(cl, count, microversion):
    project, user = str(uuid.uuid4()), str(uuid.uuid4())
    consumers, put_times, failed = [], [], 0
    for i in range(count):
        st, b, _ = cl.json("GET", "/allocation_candidates?" + BASIC + "&limit=5")
        if st != 200 or not b["allocation_requests"]:
            failed += 1
            continue
        ar = b["allocation_requests"][i % len(b["allocation_requests"])]
        body = {"allocations": ar["allocations"], "consumer_generation": None, "project_id": project,
                "user_id": user}
        if microversion == "latest" or tuple(map(int, microversion.split("."))) >= (1, 38):
            body["consumer_type"] = "INSTANCE"
        cid = str(uuid.uuid4())
        st, _, dt = cl.call("PUT", f"/allocations/{cid}", body)
        put_times.append(dt)
        if st == 204:
            consumers.append(cid)
        else:
            failed += 1
    return consumers, {"written": len(consumers), "failed": failed,
                       "put_median_ms": ms(statistics.median(put_times)) if put_times else None}


def concurrent_queries(cl, query, conc, seconds):
    """conc threads issue the query back to back for `seconds`; throughput and latency."""
    lat, errors, lock = [], [0], threading.Lock()
    deadline = time.perf_counter() + seconds

    def worker():
        while time.perf_counter() < deadline:
            st, _, dt = cl.call("GET", "/allocation_candidates?" + query)
            with lock:
                lat.append(dt)
                errors[0] += st != 200
    t0 = time.perf_counter()
    threads = [threading.Thread(target=worker) for _ in range(conc)]
    [t.start() for t in threads]
    [t.join() for t in threads]
    elapsed = time.perf_counter() - t0
    lat.sort()
    return {"conc": conc, "seconds": round(elapsed, 1), "requests": len(lat), "non_200": errors[0],
            "rps": round(len(lat) / elapsed, 2), "p50_ms": ms(lat[len(lat) // 2]) if lat else None,
            "p99_ms": ms(lat[max(0, int(len(lat) * .99) - 1)]) if lat else None}


def server_rss_mib(port, pid):
    """VmRSS of the server's process tree (the process listening on the port and its children)."""
    roots = [int(pid)] if pid else []
    if not roots:
        try:
            out = subprocess.run(["ss", "-Hltnp", f"sport = :{port}"], capture_output=True, text=True).stdout
            roots = sorted({int(p.split("=")[1]) for p in out.replace(",", " ").split() if p.startswith("pid=")})
        except OSError:
            return None
    children = {}
    for d in os.listdir("/proc"):
        if d.isdigit():
            try:
                with open(f"/proc/{d}/stat") as f:
                    ppid = int(f.read().rsplit(")", 1)[1].split()[1])
                children.setdefault(ppid, []).append(int(d))
            except (OSError, IndexError, ValueError):
                pass
    seen, todo, kib = set(), list(roots), 0
    while todo:
        p = todo.pop()
        if p in seen:
            continue
        seen.add(p)
        todo.extend(children.get(p, []))
        try:
            with open(f"/proc/{p}/status") as f:
                kib += next(int(line.split()[1]) for line in f if line.startswith("VmRSS:"))
        except (OSError, StopIteration):
            pass
    return round(kib / 1024, 1) if seen else None


def cleanup(cl, consumers, units, writers, run):
    """Delete allocations, then providers children-first; retries because SQLite writers collide,
    then sweeps whatever this run created that is still there."""
    def delete(path):
        for attempt in range(15):
            st, _, _ = cl.call("DELETE", path)
            if st in (204, 404):
                return True
            time.sleep(0.2 * (attempt + 1))
        return False
    t0 = time.perf_counter()
    failed = sum(not delete(f"/allocations/{c}") for c in consumers)
    with cf.ThreadPoolExecutor(writers) as ex:
        failed += sum(ex.map(lambda unit: sum(not delete(f"/resource_providers/{r}") for r in reversed(unit)),
                             units))
    st, b, _ = cl.json("GET", "/resource_providers")
    left = [p for p in (b or {}).get("resource_providers", []) if p["name"].startswith(f"perf-{run}-")]
    # Longer names are deeper in the tree (…-numa0-pf1): delete those first.
    for p in sorted(left, key=lambda p: -len(p["name"])):
        delete(f"/resource_providers/{p['uuid']}")
    return {"seconds": round(time.perf_counter() - t0, 1), "failed": failed, "swept": len(left)}


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--url", default=os.environ.get("PLACEMENT_URL", "http://127.0.0.1:8778"))
    ap.add_argument("--name", default="target", help="label for the results")
    ap.add_argument("--scenario", choices=["flat", "nested"], default="flat")
    ap.add_argument("--count", type=int, default=1000, help="providers (flat) or trees of 7 (nested)")
    ap.add_argument("--writers", type=int, default=8, help="concurrent clients creating providers")
    ap.add_argument("--repeat", type=int, default=5, help="timed calls per query; the median is reported")
    ap.add_argument("--steady", type=int, default=30,
                    help="after the concurrent test, time each query this many more times (0: skip)")
    ap.add_argument("--allocs", type=int, default=100)
    ap.add_argument("--conc", type=int, default=10, help="clients in the concurrent query test")
    ap.add_argument("--conc-seconds", type=float, default=20)
    ap.add_argument("--microversion", default="latest")
    ap.add_argument("--pid", help="server PID for RSS (default: whoever listens on the URL's port)")
    ap.add_argument("--no-cleanup", action="store_true")
    ap.add_argument("--allow-existing", action="store_true",
                    help="run even if the target already has resource providers (the figures then compare "
                         "different populations)")
    ap.add_argument("--out", help="write the result JSON here")
    a = ap.parse_args()

    cl = Client(a.url, issue_token(), a.microversion)
    port = cl.u.port or 80
    res = {"name": a.name, "url": a.url, "scenario": a.scenario, "count": a.count, "writers": a.writers,
           "microversion": a.microversion, "date": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
           "loadavg_start": open("/proc/loadavg").read().split()[:3], "rss_mib_start": server_rss_mib(port, a.pid)}
    st, root, _ = cl.json("GET", "/")
    res["max_version"] = (root or {}).get("versions", [{}])[0].get("max_version")
    st, existing, _ = cl.json("GET", "/resource_providers")
    res["providers_at_start"] = len((existing or {}).get("resource_providers", []))
    if res["providers_at_start"] and not a.allow_existing:
        # Leftovers of an interrupted run make every query answer for a larger population.
        sys.exit(f"{a.url} already has {res['providers_at_start']} resource providers; "
                 "use an empty Placement (or --allow-existing)")
    if a.scenario == "nested":
        ensure_custom_traits(cl)
    writes, run = Writes(), time.strftime("%H%M%S")
    t0 = time.perf_counter()
    with cf.ThreadPoolExecutor(a.writers) as ex:
        units = list(ex.map(lambda i: make_unit(cl, writes, a.scenario, i, run), range(a.count)))
    create_s = time.perf_counter() - t0
    made = sum(len(u) for u in units)
    expected = a.count * (4 if a.scenario == "flat" else 4 + 6 * 3)
    res["create"] = {"seconds": round(create_s, 1), "providers": made, "providers_per_s": round(made / create_s, 1),
                     "writes_needed": expected, "write_attempts": writes.total, "failed_writes": writes.failed,
                     "writes_given_up": writes.gave_up,
                     "failure_samples": writes.samples}
    print("RESULT create " + json.dumps(res["create"]), flush=True)

    queries = NESTED_QUERIES if a.scenario == "nested" else QUERIES
    res["before_allocations"] = time_queries(cl, queries, a.repeat, "before_allocs")
    consumers, res["allocations"] = write_allocations(cl, a.allocs, a.microversion)
    print("RESULT allocations " + json.dumps(res["allocations"]), flush=True)
    res["after_allocations"] = time_queries(cl, queries, a.repeat, "after_allocs")
    res["concurrent_gate_query"] = concurrent_queries(cl, QUERIES["gate_perfload"], a.conc, a.conc_seconds)
    print("RESULT concurrent_gate_query " + json.dumps(res["concurrent_gate_query"]), flush=True)
    if a.steady > 0:
        # The gate job's 5 calls right after creation catch a JIT server cold; this is the same
        # queries on a server that has been answering for a while.
        res["steady_state"] = time_queries(cl, queries, a.steady, "steady")
    res["rss_mib_end"] = server_rss_mib(port, a.pid)
    print("RESULT rss_mib " + json.dumps({"start": res["rss_mib_start"], "end": res["rss_mib_end"]}), flush=True)
    if not a.no_cleanup:
        res["cleanup"] = cleanup(cl, consumers, units, a.writers, run)
        print("RESULT cleanup " + json.dumps(res["cleanup"]), flush=True)
    res["loadavg_end"] = open("/proc/loadavg").read().split()[:3]
    if a.out:
        with open(a.out, "w") as f:
            json.dump(res, f, indent=1)


if __name__ == "__main__":
    main()

#!/usr/bin/python3
"""Markdown tables from the JSON files bench/placement/perfload.py wrote into one results dir.

  bench/placement/summarize.py /tmp/apiary-bench/placement-<date>
"""
import glob
import json
import os
import sys


def load(results):
    runs = {}
    for path in sorted(glob.glob(os.path.join(results, "*.json"))):
        with open(path) as f:
            r = json.load(f)
        if "scenario" in r:
            runs[(r["scenario"], r["count"], r["name"])] = r
    return runs


def ratio(ref, ours):
    if ref is None or ours is None or ours == 0:
        return ""
    return f"{ref / ours:.1f}×"


def scenario_table(runs, scenario, count):
    targets = [t for (s, c, t) in runs if s == scenario and c == count]
    targets.sort(key=lambda t: (t != "apiary", t))
    if not targets:
        return []
    label = f"{count} providers" if scenario == "flat" else f"{count} trees of 7 providers ({count * 7} providers)"
    out = [f"### {scenario}, {label}", ""]
    cols = targets + (["reference ÷ apiary"] if {"apiary", "reference"} <= set(targets) else [])
    out.append("| measure | " + " | ".join(cols) + " |")
    out.append("|---|" + "---:|" * len(cols))

    def row(name, getter, fmt="{}", compare=True):
        vals = [getter(runs[(scenario, count, t)]) for t in targets]
        cells = ["" if v is None else fmt.format(v) for v in vals]
        if len(cols) > len(targets):
            a, r = vals[targets.index("apiary")], vals[targets.index("reference")]
            cells.append(ratio(r, a) if compare and isinstance(a, (int, float)) and isinstance(r, (int, float)) else "")
        out.append(f"| {name} | " + " | ".join(cells) + " |")

    row("create: seconds", lambda r: r["create"]["seconds"])
    row("create: providers made", lambda r: r["create"]["providers"], compare=False)
    row("create: providers/s", lambda r: r["create"]["providers_per_s"], compare=False)
    row("create: failed writes (retried) / writes needed",
        lambda r: f'{r["create"]["failed_writes"]} / {r["create"].get("writes_needed", r["create"].get("writes"))}',
        compare=False)
    first = runs[(scenario, count, targets[0])]
    for phase, title in (("before_allocations", "before allocations"), ("after_allocations", "after allocations"),
                         ("steady_state", "steady state")):
        for q in first.get(phase, {}):
            row(f"{q} {title}: median ms",
                lambda r, p=phase, q=q: r[p][q]["median_ms"] if q in r.get(p, {}) else None)
            if phase != "steady_state":
                row(f"{q} {title}: candidates",
                    lambda r, p=phase, q=q: r[p][q]["candidates"] if q in r.get(p, {}) else None, compare=False)
    row("PUT allocation: median ms", lambda r: r["allocations"]["put_median_ms"])
    c = "concurrent_gate_query"
    row("gate query × 10 clients: req/s", lambda r: r[c]["rps"], compare=False)
    row("gate query × 10 clients: requests (non-200)", lambda r: f'{r[c]["requests"]} ({r[c]["non_200"]})',
        compare=False)
    row("gate query × 10 clients: p50 ms", lambda r: r[c]["p50_ms"])
    row("gate query × 10 clients: p99 ms", lambda r: r[c]["p99_ms"])
    row("server RSS MiB at start / end", lambda r: f'{r["rss_mib_start"]} / {r["rss_mib_end"]}', compare=False)
    row("load average at start / end", lambda r: f'{r["loadavg_start"][0]} / {r["loadavg_end"][0]}', compare=False)
    return out + [""]


def main():
    results = sys.argv[1]
    runs = load(results)
    lines = [f"## Placement benchmark: {results}", ""]
    for scenario, count in sorted({(s, c) for (s, c, _) in runs}, key=lambda k: (k[1], k[0])):
        lines += scenario_table(runs, scenario, count)
    print("\n".join(lines))


if __name__ == "__main__":
    main()

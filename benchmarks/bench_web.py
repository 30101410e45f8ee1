"""Workbench load: a store of N synthetic incidents served by uvicorn on
127.0.0.1; a bounded number of requests from a small thread pool to the
incident list (filtered and paged) and to incident pages. Prints requests/s
and p50/p95 latency per endpoint. Traffic stays on the loopback address.

    .venv/bin/python benchmarks/bench_web.py [--n 100000] [--requests 300] [--workers 4] [--db postgresql://…/EMPTY_DB]
"""

from __future__ import annotations

import argparse
import hashlib
import random
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx

from saboot import accounts, sensitive
from saboot.claims import Location
from saboot.link.model import Count, Incident, Source, SourceValue
from saboot.model import Document, Provenance
from saboot.store import open_store


def make_store(path: str, n: int) -> list[str]:
    rng = random.Random(5)
    store = open_store(path)
    incidents = []
    for i in range(n):
        k = rng.randint(0, 60)
        day = f"20{rng.randint(7, 18):02d}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
        loc = Location(f"Town {i % 900}", None, rng.choice(["Balochistan", "Sindh", "Punjab"]), "PK", 30.0 + rng.random(), 67.0 + rng.random(),
                       "town", None, (), "bench")  # fmt: skip
        value = SourceValue("outlet:x", f"d{i}", f"c{i}", k, k, k, f"{k} killed")
        incidents.append(Incident(
            f"inc-{i:08d}", (f"c{i}",), rng.choice(["bombing", "armed_attack", "abduction"]), day, day, "day", loc,
            {"killed": Count(k, k, k, "median_low", (value,))}, ("Lashkar-e-Jhangvi",), ("Shia",),
            (Source(f"d{i}", "outlet:x", "X", f"Report {i}", None, None, "reporting", True, (f"c{i}",)),),
            1, (), (), ("single_source",), "low", f"1 independent source (X); killed: {k} (one source)",
        ))  # fmt: skip
    with store.transaction():
        for i in range(n):
            text = f"Report {i}: gunmen killed several people in Town {i % 900}, police said."
            data = text.encode()
            sha = hashlib.sha256(data).hexdigest()
            prov = Provenance("file", f"r{i}.txt", "2026-01-01T00:00:00Z", "bench", "0", "text.v1", None)
            store.put_blob(sha, data)
            store.add_document(
                Document(f"d{i}", sha, len(data), "text/plain", text, sha, f"Report {i}", None, "X", None, None, None, None, prov)
            )
        store.save_incidents(incidents, "bench")
    store.close()
    return [i.id for i in incidents]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def viewer_token(path: str) -> str:
    """A viewer's API token, with one name marked sensitive, so that every request
    pays for authentication and redaction as a real viewer's would."""
    store = open_store(path)
    accounts.add_user(store, "bench-viewer", "viewer", "bench passphrase", "bench")
    _, secret = accounts.issue_token(store, "bench-viewer", "bench", "bench")
    sensitive.mark(store, "name", "Karim Baig", "bench", "bench")
    store.close()
    return secret


def measure(urls: list[str], workers: int, headers: dict[str, str]) -> tuple[float, float, float]:
    latencies: list[float] = []
    with httpx.Client(timeout=30, headers=headers) as client:

        def get(url: str) -> None:
            t = time.perf_counter()
            client.get(url).raise_for_status()
            latencies.append(time.perf_counter() - t)

        start = time.perf_counter()
        with ThreadPoolExecutor(workers) as pool:
            list(pool.map(get, urls))
        wall = time.perf_counter() - start
    q = statistics.quantiles(latencies, n=20)
    return len(urls) / wall, statistics.median(latencies) * 1000, q[18] * 1000


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--n", type=int, default=100_000)
    parser.add_argument("--requests", type=int, default=300)
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument("--local", action="store_true", help="No accounts (the single-user store) instead of a viewer.")
    parser.add_argument("--db", help="an empty PostgreSQL database (postgresql://…) instead of a fresh SQLite file")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        db = args.db or str(Path(tmp) / "web.db")
        t = time.perf_counter()
        ids = make_store(db, args.n)
        print(f"store            {args.n} incidents in {time.perf_counter() - t:.1f} s")
        headers = {} if args.local else {"Authorization": f"Bearer {viewer_token(db)}"}
        print(
            "as               "
            + ("the local user (no accounts)" if args.local else "a viewer with an API token, one name withheld")
        )
        port = free_port()
        server = subprocess.Popen(
            [sys.executable, "-m", "saboot.cli", "--db", db, "serve", "--host", "127.0.0.1", "--port", str(port)],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )  # fmt: skip
        try:
            base = f"http://127.0.0.1:{port}"
            for _ in range(100):
                try:
                    httpx.get(base + "/api/incidents", timeout=2)
                    break
                except httpx.HTTPError:
                    time.sleep(0.2)
            rng = random.Random(1)
            lists = [
                f"{base}/incidents?admin1=Sindh&type=bombing&page={rng.randint(1, 50)}&sort={rng.choice(['date', 'killed'])}"
                for _ in range(args.requests)
            ]
            pages = [f"{base}/api/incidents/{rng.choice(ids)}" for _ in range(args.requests)]
            provinces = ["Sindh", "Punjab", "Balochistan", "Khyber Pakhtunkhwa"]
            timelines = [f"{base}/timeline?admin1={rng.choice(provinces)}" for _ in range(args.requests)]
            downloads = [f"{base}/api/export?admin1={rng.choice(provinces[:3])}&format=geojson" for _ in range(10)]
            for name, urls in (("incident list", lists), ("incident page", pages), ("timeline", timelines),
                               ("geojson download", downloads)):  # fmt: skip
                rps, p50, p95 = measure(urls, args.workers, headers)
                print(
                    f"{name:16} {rps:.0f} requests/s, p50 {p50:.0f} ms, p95 {p95:.0f} ms ({len(urls)} requests, {args.workers} workers)"
                )
        finally:
            server.terminate()
            server.wait(timeout=10)


if __name__ == "__main__":
    main()

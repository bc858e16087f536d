"""Load benchmark: the portal under gunicorn with production settings, measured with wrk.

Run from the project folder after `manage.py build_scale_data`:

    .venv/bin/python bench/load.py [--seconds 3] [--connections 32] [--only pages|rush]

Prints, for the bare view and each page: req/s, p50, p99, the ratio to the bare view's req/s
and the workers' largest resident memory; then 500 simultaneous enrollments on a 50-seat
session through HTTP with 4 workers. The server is stopped at the end whatever happens.
"""

# ruff: noqa: S603 - the commands run are this project's own gunicorn, manage.py and wrk.

import argparse
import contextlib
import http.client
import os
import re
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

from joserfc.jwk import OKPKey

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
GUNICORN = str(Path(PYTHON).with_name("gunicorn"))
# Pages whose one answer takes seconds at scale: one connection for 10 s, so no queue is
# left behind to slow the next page.
HEAVY = {"sitemap.xml", "roster.csv export", "roster (5,000 members)", "impact.csv"}


def production_environment(static_root: str) -> dict[str, str]:
    env = dict(os.environ)
    env.update(
        ENVIRONMENT="production",
        DEBUG="false",
        SECRET_KEY=env.get("BENCH_SECRET_KEY", "bench-" + secrets.token_urlsafe(40)),
        OPEN_BADGES_SIGNING_KEY=env.get("OPEN_BADGES_SIGNING_KEY")
        or OKPKey.generate_key("Ed25519").as_pem(private=True).decode(),
        ALLOWED_HOSTS="127.0.0.1",
        SECURE_SSL_REDIRECT="false",
        DATABASE_URL=env.get(
            "BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/portal_bench"
        ),
        REDIS_URL=env.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/15"),
        STATIC_ROOT=static_root,
        EMAIL_BACKEND="django.core.mail.backends.dummy.EmailBackend",
        # As production runs: an email is a task row for the worker, not sent in the request
        # (no worker runs here; the rows stay queued in the benchmark database).
        TASKS_BACKEND="django_tasks_db.DatabaseBackend",
        LOG_LEVEL="WARNING",
    )
    return env


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Server:
    """gunicorn with N sync workers; stop() ends it by the PID it wrote."""

    def __init__(self, workers: int, env: dict[str, str], workdir: str, port: int | None = None):
        self.port = port or free_port()
        self.pidfile = Path(workdir) / f"gunicorn-{self.port}.pid"
        self.process = subprocess.Popen(
            [
                GUNICORN,
                "campaign.wsgi",
                "--bind",
                f"127.0.0.1:{self.port}",
                "--workers",
                str(workers),
                "--timeout",
                "120",
                "--pid",
                str(self.pidfile),
                "--log-level",
                "warning",
            ],
            cwd=ROOT,
            env=env,
        )
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                if get(self.port, "/bench/bare/")[0] == 200:
                    return
            except OSError:
                time.sleep(0.3)
        self.stop()
        raise RuntimeError("gunicorn did not answer within 60 s")

    def worker_pids(self) -> list[int]:
        path = Path(f"/proc/{self.process.pid}/task/{self.process.pid}/children")
        try:
            return [int(pid) for pid in path.read_text().split()]
        except OSError:
            return []

    def drain(self) -> None:
        """Waits until the bare view answers fast again (heavy pages leave a queue)."""
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            started = time.monotonic()
            with contextlib.suppress(OSError):
                get(self.port, "/bench/bare/", timeout=120)
            if time.monotonic() - started < 0.1:
                return

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()


def get(port: int, path: str, timeout: float = 10) -> tuple[int, bytes]:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    try:
        connection.request("GET", path)
        response = connection.getresponse()
        return response.status, response.read()
    finally:
        connection.close()


def rss_mb(pid: int) -> float:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return 0.0


class MemoryWatch:
    """The largest resident memory of any worker while it runs (sampled every 50 ms)."""

    def __init__(self, server: Server):
        self.server, self.peak, self.running = server, 0.0, True
        self.thread = threading.Thread(target=self.sample, daemon=True)

    def sample(self) -> None:
        while self.running:
            for pid in self.server.worker_pids():
                self.peak = max(self.peak, rss_mb(pid))
            time.sleep(0.05)

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.running = False
        self.thread.join()


def to_ms(text: str) -> float:
    match = re.fullmatch(r"([\d.]+)(us|ms|s|m|h)", text)
    if not match:
        return float("nan")
    number, unit = match.groups()
    return float(number) * {"us": 0.001, "ms": 1, "s": 1000, "m": 60000, "h": 3600000}[unit]


def run_wrk(port: int, path: str, seconds: int, connections: int, cookie: str | None) -> dict:
    # wrk needs at least one connection per thread.
    command = [
        "wrk",
        f"-t{min(2, connections)}",
        f"-c{connections}",
        f"-d{seconds}s",
        "--timeout",
        "10s",
        "--latency",
    ]
    # As a browser asks: the portal answers brotli to it where the page may be compressed.
    command += ["-H", "Accept-Encoding: br, gzip"]
    if cookie:
        command += ["-H", f"Cookie: {cookie}"]
    output = subprocess.run(
        [*command, f"http://127.0.0.1:{port}{path}"], capture_output=True, text=True, check=True
    ).stdout
    if os.environ.get("BENCH_SHOW_WRK"):
        print(output)
    answered = int(re.search(r"(\d+) requests in", output).group(1))
    p50 = re.search(r"^\s+50%\s+(\S+)", output, re.MULTILINE)
    p99 = re.search(r"^\s+99%\s+(\S+)", output, re.MULTILINE)
    result = {
        "rps": float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1)),
        # No answer within the run: wrk prints no distribution.
        "p50": to_ms(p50.group(1)) if p50 and answered else float("nan"),
        "p99": to_ms(p99.group(1)) if p99 and answered else float("nan"),
        "non2xx": int(m.group(1)) if (m := re.search(r"Non-2xx.*?:\s+(\d+)", output)) else 0,
        "errors": sum(int(n) for n in re.findall(r"(?:connect|read|write|timeout) (\d+)", output)),
    }
    return result


def start_scheduler(env: dict[str, str]) -> subprocess.Popen:
    """The scheduled jobs that keep public pages ready, as production's scheduler runs them
    every minute: the impact figures, then the heaviest pages rendered into the cache (for
    the server at SITE_URL). The first run is over when this returns."""
    command = [PYTHON, "manage.py", "run_scheduled_jobs"]
    command += ["--job", "impact-figures", "--job", "warm-public-pages"]
    subprocess.run(command, cwd=ROOT, env=env, check=True, stdout=subprocess.DEVNULL)
    return subprocess.Popen(
        [*command, "--loop", "60"], cwd=ROOT, env=env, stdout=subprocess.DEVNULL
    )


def load_pages(server: Server, args, cookies: dict[str, str | None]) -> None:
    from bench.management.commands.build_scale_data import LARGE_ORGANIZATION_SLUG
    from bench.pages import page_list

    print(f"\n## Load: 2 gunicorn sync workers, wrk {args.seconds} s per page, --timeout 10s")
    print(
        f"{'page':<30} {'as':<11} {'conns':>5} {'req/s':>8} {'p50 ms':>8} {'p99 ms':>8}"
        f" {'x bare':>7} {'err':>5} {'RSS MB':>7}"
    )
    bare_rps = None
    for name, role, path in page_list(LARGE_ORGANIZATION_SLUG):
        if role == "admin":
            continue  # The admin asks for MFA at sign-in; measure_pages covers it.
        heavy = name in HEAVY
        connections = 1 if heavy else args.connections
        seconds = max(args.seconds, 10) if heavy else args.seconds
        with MemoryWatch(server) as memory:
            result = run_wrk(server.port, path, seconds, connections, cookies[role])
            server.drain()
        if bare_rps is None:
            bare_rps = result["rps"]
        print(
            f"{name:<30} {role:<11} {connections:>5} {result['rps']:>8.1f} {result['p50']:>8.1f}"
            f" {result['p99']:>8.1f} {result['rps'] / bare_rps:>7.2f}"
            f" {result['errors'] + result['non2xx']:>5} {memory.peak:>7.1f}",
            flush=True,
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=int, default=3)
    parser.add_argument("--connections", type=int, default=32)
    parser.add_argument(
        "--only", choices=["pages", "rush"], help="Run only the page loads or only the rush."
    )
    parser.add_argument("--skip-rush", action="store_true", help="The same as --only pages.")
    args = parser.parse_args()
    if args.only != "rush" and not shutil.which("wrk"):
        sys.exit("wrk is missing: install it (Debian: apt-get install -y wrk).")
    workdir = tempfile.mkdtemp(prefix="portal-bench-")
    env = production_environment(str(Path(workdir) / "static"))
    # The pages' server is at SITE_URL, as in production: the scheduled job that keeps
    # the heaviest pages rendered asks for them there.
    pages_port = free_port()
    env["SITE_URL"] = f"http://127.0.0.1:{pages_port}"
    os.environ.update(env)
    os.environ["DJANGO_SETTINGS_MODULE"] = "campaign.settings"
    sys.path.insert(0, str(ROOT))
    print("collecting static files ...", flush=True)
    subprocess.run(
        [PYTHON, "manage.py", "collectstatic", "--noinput", "-v0"], cwd=ROOT, env=env, check=True
    )
    import django

    django.setup()
    from django.conf import settings

    from bench.management.commands.build_scale_data import COORDINATOR_EMAIL, STAFF_EMAIL
    from bench.rush import enrollment_rush, signed_in_cookie
    from campaign.models import User

    cookies = {
        "anonymous": None,
        "staff": signed_in_cookie(
            User.objects.get(email=STAFF_EMAIL), settings.SESSION_COOKIE_NAME
        ),
        "coordinator": signed_in_cookie(
            User.objects.get(email=COORDINATOR_EMAIL), settings.SESSION_COOKIE_NAME
        ),
    }
    # The scheduled job keeps the impact figures in the cache in production; without them
    # the first visitors of the home and impact pages would compute them in their request.
    from campaign.site.impact import refresh_impact_figures

    print("precomputing the impact figures, as the scheduled job does ...", flush=True)
    refresh_impact_figures()
    server = None
    try:
        if args.only != "rush":
            server = Server(2, env, workdir, port=pages_port)
            print("running the scheduled jobs that keep pages ready ...", flush=True)
            scheduler = start_scheduler(env)
            try:
                load_pages(server, args, cookies)
            finally:
                scheduler.terminate()
                scheduler.wait()
            server.stop()
        if args.only != "pages" and not args.skip_rush:
            server = Server(4, env, workdir)
            enrollment_rush(server)
    finally:
        if server:
            server.stop()
        shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(1))  # so `finally` stops the server
    main()

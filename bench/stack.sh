#!/usr/bin/env bash
# The portal as it runs in production, on this machine: nginx on 127.0.0.1:$STACK_PORT in
# front of two gunicorn app servers, one django-tasks-db worker and the scheduler in loop
# mode, on PostgreSQL (its own database, made afresh) and Redis.
#
#   bench/stack.sh [SECONDS]     runs until SECONDS have passed (default 600) or Ctrl-C
#
# Everything it starts stops with it. It writes, in $STACK_DIR (a new temporary folder
# unless set): stack.env (the environment of every process), nginx.conf, one log per
# process, pids/<name> (so a test can kill and restart one) and mail/ (emails as files).
# It prints "stack ready" once /readyz answers through nginx.
set -euo pipefail
cd "$(dirname "$0")/.."

duration=${1:-600}
port=${STACK_PORT:-18100}
app_ports=("$((port + 1))" "$((port + 2))")
dir=${STACK_DIR:-$(mktemp -d -t portal-stack.XXXXXX)}
postgres=${STACK_POSTGRES:-postgres://postgres@127.0.0.1:5432}
database=${STACK_DATABASE:-portal_stack}
mkdir -p "$dir" && chmod 755 "$dir"
mkdir -p "$dir/pids" "$dir/mail" "$dir/media" "$dir/private-media" "$dir/static"

if ! command -v nginx >/dev/null && [ ! -x /usr/sbin/nginx ]; then
  if command -v apt-get >/dev/null && [ "$(id -u)" = 0 ]; then
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nginx-light
  else
    echo "nginx is missing: install Debian's 'nginx-light' package." >&2
    exit 1
  fi
fi
nginx_bin=$(command -v nginx || echo /usr/sbin/nginx)

cat >"$dir/stack.env" <<ENV
export ENVIRONMENT=production
export SECRET_KEY=stack-only-secret-key-0123456789-abcdefghijklmnopqrstuvwxyz
export OPEN_BADGES_SIGNING_KEY='$(openssl genpkey -algorithm ed25519 | awk '{printf "%s\\n", $0}')'
export ALLOWED_HOSTS=127.0.0.1,localhost
export SECURE_SSL_REDIRECT=false
export BEHIND_TLS_PROXY=true
export DATABASE_URL=$postgres/$database
export REDIS_URL=${STACK_REDIS_URL:-redis://127.0.0.1:6379/9}
export TASKS_BACKEND=django_tasks_db.DatabaseBackend
export TASKS_STALLED_SECONDS=${STACK_TASKS_STALLED_SECONDS:-5}
export EMAIL_BACKEND=${STACK_EMAIL_BACKEND:-django.core.mail.backends.filebased.EmailBackend}
export EMAIL_FILE_PATH=$dir/mail
export MEDIA_ROOT=$dir/media
export PRIVATE_MEDIA_ROOT=$dir/private-media
export STATIC_ROOT=$dir/static
export SITE_URL=http://127.0.0.1:$port
export RATELIMIT_IP_META_KEY=HTTP_X_REAL_IP
export CERTIFICATE_VERIFY_RATE=${STACK_CERTIFICATE_VERIFY_RATE:-5/m}
export LOG_LEVEL=INFO
ENV
# shellcheck source=/dev/null
. "$dir/stack.env"

pids=()
stop() {
  trap - EXIT INT TERM
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  for name in "$dir"/pids/*; do
    [ -f "$name" ] && kill "$(cat "$name")" 2>/dev/null || true
  done
  [ -f "$dir/nginx.pid" ] && kill "$(cat "$dir/nginx.pid")" 2>/dev/null || true
  wait 2>/dev/null || true
}
trap stop EXIT INT TERM

psql "$postgres/postgres" -q -c "DROP DATABASE IF EXISTS $database WITH (FORCE)"
psql "$postgres/postgres" -q -c "CREATE DATABASE $database"
# Release steps: migrate and collect the static files.
.venv/bin/python manage.py migrate --noinput >"$dir/release.log"
.venv/bin/python manage.py collectstatic --noinput >>"$dir/release.log"

# start NAME COMMAND...: one process of the stack, its pid in pids/NAME.
start() {
  local name=$1
  shift
  "$@" >"$dir/$name.log" 2>&1 &
  echo $! >"$dir/pids/$name"
  pids+=("$!")
}
for i in 0 1; do
  start "app$((i + 1))" .venv/bin/gunicorn campaign.wsgi --bind "127.0.0.1:${app_ports[$i]}" \
    --workers 2 --threads 4 --timeout 30 --graceful-timeout 5
done
start worker .venv/bin/python manage.py db_worker --no-reload --interval 0.2
start scheduler .venv/bin/python manage.py run_scheduled_jobs --loop 2

cat >"$dir/nginx.conf" <<NGINX
worker_processes 1;
pid $dir/nginx.pid;
error_log $dir/nginx-error.log;
events { worker_connections 256; }
http {
  include /etc/nginx/mime.types;
  access_log $dir/nginx-access.log;
  client_body_temp_path $dir/nginx-body;
  proxy_temp_path $dir/nginx-proxy;
  fastcgi_temp_path $dir/nginx-fastcgi;
  uwsgi_temp_path $dir/nginx-uwsgi;
  scgi_temp_path $dir/nginx-scgi;
  client_max_body_size 60m;
  upstream portal {
    server 127.0.0.1:${app_ports[0]} max_fails=1 fail_timeout=5s;
    server 127.0.0.1:${app_ports[1]} max_fails=1 fail_timeout=5s;
  }
  server {
    listen 127.0.0.1:$port;
    # Public uploads (logos, thumbnails): from disk, in a sandbox, never run as a page.
    location /media/ {
      alias $dir/media/;
      add_header X-Content-Type-Options nosniff always;
      add_header Content-Security-Policy sandbox always;
      expires 1h;
    }
    location / {
      proxy_pass http://portal;
      proxy_set_header Host \$http_host;
      proxy_set_header X-Real-IP \$remote_addr;
      proxy_set_header X-Forwarded-For \$proxy_add_x_forwarded_for;
      # This stack has no TLS; in production the proxy that ends TLS sets this.
      proxy_set_header X-Forwarded-Proto https;
      proxy_set_header X-Request-ID \$request_id;
      proxy_next_upstream error timeout http_502;
    }
  }
}
NGINX
"$nginx_bin" -c "$dir/nginx.conf" -p "$dir" -e "$dir/nginx-error.log"

ready() {
  for each in "${app_ports[@]}" "$port"; do
    curl -fsS -o /dev/null "http://127.0.0.1:$each/readyz" 2>/dev/null || return 1
  done
}
for _ in $(seq 1 100); do
  if ready; then
    echo "stack ready: http://127.0.0.1:$port/ ($dir)"
    sleep "$duration" &
    pids+=("$!")
    wait "$!" || true
    exit 0
  fi
  sleep 0.3
done
echo "the stack did not become ready; logs in $dir" >&2
tail -n 20 "$dir"/*.log >&2
exit 1

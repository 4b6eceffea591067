#!/usr/bin/env bash
# The site on Heroku, and the same site served here exactly as a dyno would serve it.
#
#   scripts/heroku.sh package DIR   what a deploy pushes: Procfile, static.json,
#                                   config/nginx.conf.erb and the built dist/
#   scripts/heroku.sh serve PORT    that package served by Debian's nginx, started the way
#                                   the nginx buildpack's bin/start-nginx-static starts a
#                                   dyno (erb, then nginx -p . -c config/nginx.conf)
#   scripts/heroku.sh deploy APP    that package pushed to the Heroku app APP
#
# Build dist/ first (make dist); the Makefile's serve-heroku and deploy targets do.
set -euo pipefail
cd "$(dirname "$0")/.."

say() { printf '[heroku] %s\n' "$*" >&2; }
die() { say "$*"; exit 1; }

package() {
  local site=$1
  [ -f dist/index.html ] || die "dist/ is not built: run make dist"
  rm -rf "$site"
  mkdir -p "$site/config" "$site/dist"
  cp Procfile static.json "$site/"
  cp config/nginx.conf.erb "$site/config/"
  # The bundle without trunk's dot-files (its build lock), with its folders (uci/: the raw
  # files the page fetches on demand).
  (cd dist && find . -type f ! -name '.*' -exec cp --parents {} "$site/dist/" \;)
}

serve() {
  local port=$1 site
  command -v nginx >/dev/null || [ -x /usr/sbin/nginx ] || die "nginx is missing: run scripts/setup.sh test"
  command -v erb >/dev/null || die "erb is missing: run scripts/setup.sh test"
  # A world-readable copy (nginx started as root runs its workers as nobody), one per port,
  # replaced at every start.
  site=/tmp/heroku-site-$port
  package "$site"
  chmod 755 "$site"
  # The buildpack copies nginx's own mime.types into config/ at build time; Debian's is
  # the same file.
  cp /etc/nginx/mime.types "$site/config/"
  cd "$site"
  say "serving $site on http://127.0.0.1:$port (send X-Forwarded-Proto: https, as Heroku's router does)"
  PORT=$port erb config/nginx.conf.erb > config/nginx.conf
  exec env PATH="$PATH:/usr/sbin" nginx -p . -c config/nginx.conf
}

deploy() {
  local app=$1 site
  command -v git >/dev/null || die "git is missing"
  site=$(mktemp -d)
  package "$site"
  local source
  source=$(git rev-parse --short HEAD)$(git diff --quiet HEAD || echo "-dirty")
  (
    cd "$site"
    git init -q -b main
    git add -A
    git -c user.name=deploy -c user.email=deploy@localhost commit -q -m "Site built from $source"
    # HEROKU_GIT_URL: another remote (the tests push to a local bare repository).
    local remote=${HEROKU_GIT_URL:-https://git.heroku.com/$app.git}
    say "pushing to $remote"
    git push --quiet --force "$remote" main
  )
  rm -rf "$site"
}

case "${1:-}" in
  package) package "${2:?usage: scripts/heroku.sh package DIR}" ;;
  serve) serve "${2:-8081}" ;;
  deploy) deploy "${2:?usage: scripts/heroku.sh deploy APP}" ;;
  *) die "usage: scripts/heroku.sh package DIR | serve [PORT] | deploy APP" ;;
esac

#!/usr/bin/env bash
# Make sure a Chromium and a CJK font exist (idempotent). Prints one clear sentence when it cannot.
set -euo pipefail
PY=${PY:-python3}

have_browser() {
  "$PY" - <<'PYEOF' 2>/dev/null
import sys
try:
    from inspector.crawl.browser import find_chromium
    info = find_chromium()
    print(f"browser: {info.executable_path or 'playwright-managed'} ({info.source})")
except Exception as exc:  # BrowserMissing or no package yet
    sys.exit(1)
PYEOF
}

have_cjk_font() {
  command -v fc-list >/dev/null 2>&1 && [ -n "$(fc-list :lang=zh 2>/dev/null | head -n 1)" ]
}

need=()
have_browser || need+=(chromium)
have_cjk_font || need+=(fonts-noto-cjk)
command -v pdftoppm >/dev/null 2>&1 || need+=(poppler-utils)

if [ ${#need[@]} -eq 0 ]; then
  exit 0
fi

if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
  echo "installing ${need[*]} with apt-get (once) ..."
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >/dev/null
  apt-get install -y -qq "${need[@]}" >/dev/null
  have_browser || { echo "Chromium is still missing after apt-get install chromium; set INSPECTOR_CHROMIUM to a Chromium binary." >&2; exit 1; }
  exit 0
fi

case " ${need[*]} " in
  *" chromium "*) echo "No Chromium found: run 'sudo apt-get install chromium fonts-noto-cjk' (Debian/Ubuntu) or '.venv/bin/playwright install chromium', or set INSPECTOR_CHROMIUM to a Chromium binary." >&2; exit 1 ;;
  *) echo "note: missing ${need[*]} (CJK text in screenshots/PDFs or PDF previews may not render); install them with your package manager." >&2 ;;
esac

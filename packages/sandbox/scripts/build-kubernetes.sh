#!/usr/bin/env bash
# Builds kube-apiserver, kube-controller-manager and kube-scheduler v1.20.2 from Debian's
# `kubernetes` source package with Debian's Go, once per machine, into a cache outside the repo.
# Usage: build-kubernetes.sh <cache-dir>   (binaries end up in <cache-dir>/bin)
# Why a script: it is a one-off recipe of apt + make steps; the TypeScript caller streams its
# output as progress and keeps the log when it fails.
set -euo pipefail
CACHE="${1:?usage: build-kubernetes.sh <cache-dir>}"
BIN="$CACHE/bin"
WANT=(kube-apiserver kube-controller-manager kube-scheduler)
have_all() { for b in "${WANT[@]}"; do [ -x "$BIN/$b" ] || return 1; done; }
if have_all; then echo "[k8s] cached binaries in $BIN"; exit 0; fi

if ! grep -qi debian /etc/os-release 2>/dev/null; then
  echo "[k8s] this machine is not Debian: the sandbox cannot build a control plane here." >&2
  echo "[k8s] bring your own cluster instead: tideline start --kubeconfig PATH" >&2
  exit 3
fi
if [ "$(id -u)" != 0 ]; then
  echo "[k8s] building the control plane needs root for apt-get (or run: tideline start --kubeconfig PATH)" >&2
  exit 3
fi

W="$CACHE/work"
mkdir -p "$W" "$BIN"
echo "[k8s] step 1/5: Debian build dependencies (golang-go rsync)"
command -v go >/dev/null && command -v rsync >/dev/null || {
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq golang-go rsync >/dev/null
}
echo "[k8s] step 2/5: Debian source package 'kubernetes' (deb-src through a private apt config)"
printf 'deb-src http://deb.debian.org/debian bookworm main\n' > "$W/sources.list"
mkdir -p "$W/lists/partial" "$W/cache/archives/partial"
A=(-o "Dir::Etc::SourceList=$W/sources.list" -o Dir::Etc::SourceParts=/dev/null -o "Dir::State::Lists=$W/lists" -o "Dir::Cache=$W/cache")
cd "$W"
if ! ls kubernetes_*.orig.tar.gz >/dev/null 2>&1; then
  apt-get "${A[@]}" update -qq
  apt-get "${A[@]}" source --download-only kubernetes
fi
echo "[k8s] step 3/5: unpacking"
rm -rf kubernetes-1.20.2
tar xzf kubernetes_*.orig.tar.gz
cd kubernetes-1.20.2
echo "[k8s] step 4/5: swapping the vendored modern-go/reflect2 for Debian's 1.0.2 (1.0.1 segfaults on Go >= 1.18)"
rm -rf r2 && mkdir r2
( cd r2 && apt-get download golang-github-modern-go-reflect2-dev >/dev/null && dpkg-deb -x golang-github-modern-go-reflect2-dev_*.deb . )
rm -rf vendor/github.com/modern-go/reflect2
cp -r r2/usr/share/gocode/src/github.com/modern-go/reflect2 vendor/github.com/modern-go/
echo "[k8s] step 5/5: go build (several minutes on 2 cores)"
CGO_ENABLED=0 GOPROXY=off GOFLAGS=-mod=vendor make WHAT="cmd/kube-apiserver cmd/kube-controller-manager cmd/kube-scheduler"
for b in "${WANT[@]}"; do install -m 0755 "_output/bin/$b" "$BIN/$b"; done
cd "$CACHE" && rm -rf "$W/kubernetes-1.20.2"
echo "[k8s] done: $BIN"

#!/bin/sh
# Install what kiln needs to build and test on Debian (or Ubuntu).
set -e
pkgs="build-essential autoconf automake libtool pkg-config libltdl-dev libcsv-dev libjansson-dev libcmocka-dev python3 parallel time"
if [ "$(id -u)" -eq 0 ]; then SUDO=; else SUDO=sudo; fi
missing=
for p in $pkgs; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed" || missing="$missing $p"
done
if [ -n "$missing" ]; then
    $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends $missing
fi

#!/usr/bin/env bash
# Installs what building, running and testing Maillage need on Debian 12,
# and only what is missing (apt-get runs only when something is).
set -euo pipefail

packages=(
  # build
  meson ninja-build pkg-config gcc libc6-dev
  libglib2.0-dev libglib2.0-bin libjson-glib-dev libcairo2-dev libpango1.0-dev
  libgtk-4-dev libgtk-4-bin libadwaita-1-dev
  gettext desktop-file-utils appstream shared-mime-info
  # tests: a virtual display and session bus, fonts and icons for the
  # screenshots, an independent JSON Schema validator and PDF reader
  xvfb xauth dbus dbus-x11 fonts-cantarell fonts-dejavu-core adwaita-icon-theme
  python3 python3-jsonschema poppler-utils locales
  # fuzzing the loader: clang with libFuzzer and the sanitizers
  clang libclang-rt-14-dev
)

missing=()
for package in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$package")
  fi
done

if [ ${#missing[@]} -gt 0 ]; then
  echo "Installing: ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# The French UI tests need the fr_FR.UTF-8 locale.
if ! locale -a 2>/dev/null | grep -qi '^fr_FR\.utf-\?8$'; then
  sed -i 's/^# *\(fr_FR.UTF-8 UTF-8\)/\1/' /etc/locale.gen
  grep -q '^fr_FR.UTF-8 UTF-8' /etc/locale.gen || echo 'fr_FR.UTF-8 UTF-8' >> /etc/locale.gen
  locale-gen >/dev/null
fi

# Shared by the scripts: installs what they need from Debian's packages when it is missing.
# shellcheck shell=bash

# ensure_command COMMAND PACKAGE: installs PACKAGE with apt-get unless COMMAND is on PATH.
ensure_command() {
  local command=$1 package=$2
  command -v "$command" >/dev/null 2>&1 && return 0
  echo "$command is missing: installing Debian's $package package" >&2
  install_package "$package"
  command -v "$command" >/dev/null 2>&1 || { echo "could not install $package" >&2; return 1; }
}

# ensure_tex_file FILE PACKAGE: installs PACKAGE with apt-get unless TeX finds FILE (a package of LaTeX, e.g. tikz.sty).
ensure_tex_file() {
  local file=$1 package=$2
  kpsewhich "$file" >/dev/null 2>&1 && return 0
  echo "TeX's $file is missing: installing Debian's $package package" >&2
  install_package "$package"
  kpsewhich "$file" >/dev/null 2>&1 || { echo "could not install $package" >&2; return 1; }
}

# install_package PACKAGE: apt-get install, without the recommended packages (the lists updated once a run).
install_package() {
  local package=$1
  local sudo=()
  [ "$(id -u)" -ne 0 ] && sudo=(sudo)
  if [ -z "${_apt_updated:-}" ]; then
    "${sudo[@]}" apt-get update -qq >&2
    _apt_updated=1
  fi
  DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq --no-install-recommends "$package" >&2
}

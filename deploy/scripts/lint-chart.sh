#!/bin/sh
# Lints charts/crm with its default values and with every values variant the repository ships.
set -eu
cd "$(dirname "$0")/.."

helm_bin="${HELM_BIN:-}"
if [ -z "$helm_bin" ]; then
  if command -v helm >/dev/null 2>&1; then
    helm_bin=helm
  elif [ -x "$HOME/go/bin/helm" ]; then
    helm_bin="$HOME/go/bin/helm"
  else
    echo "helm not found: install it with 'go install helm.sh/helm/v3/cmd/helm@latest' or set HELM_BIN" >&2
    exit 1
  fi
fi

"$helm_bin" lint --strict ../charts/crm
for values in ci/*.yaml tilt/values.yaml; do
  "$helm_bin" lint --strict ../charts/crm --values "$values"
done
